import { defineRule } from "../rule";
import { INCOMPLETE } from "./incomplete";
import { nodeHit, q } from "./shared";

export const incompleteNoOwner = defineRule({
  id: "incomplete-no-owner",
  title: { ja: "所属（所管）が未設定のノード", en: "Node with no owner" },
  explanation: {
    ja: "ノードがどの組織・部署のものか、所属・レーン・種類のいずれからも決まらない。",
    en: "Neither the node's owner, its lane nor its kind tells who it belongs to.",
  },
  why: {
    ja: "所属が決まらないと、その流れが委託・提供・移転のどれかが決まりません。",
    en: "Without an owner its flows cannot be told apart as delegation, provision or transfer.",
  },
  mitigation: {
    ja: "ノードをレーンに入れるか、インスペクタで所属を選ぶ。",
    en: "Put the node in a lane or choose its owner in the inspector.",
  },
  falsePositives: { ja: "ありません。", en: "None." },
  ...INCOMPLETE,
  checkNode: (n, _ctx, emit) => {
    if (n.party !== null) return;
    let mine: boolean | null = false;
    for (const f of [...n.incoming, ...n.outgoing]) {
      if (f.carriesMyNumber === true) mine = true;
      else if (f.carriesMyNumber === null && mine === false) mine = null;
    }
    emit(
      nodeHit(
        n,
        { ja: `${q(n.node.label)}：所属が設定されていません`, en: `${n.node.label}: no owner set` },
        {
          impact: mine === false && n.node.fileIds.length === 0 ? 2 : 4,
          likelihood: 1,
          riskId: "general",
          phase: "general",
          safeguards: undefined,
        },
      ),
    );
  },
});
