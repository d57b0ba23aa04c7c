import { defineMessages } from "../define";

/** Ownership: organisation templates' publishing rights, the owner key and the documents it lists. */
export const ownersMessages = defineMessages(
  {
    "templates.publish.ownerOnly": "自組織のひな形として公開できるのは、所有者のリンクで開いた人だけです。",
    "templates.publish.hint":
      "公開したひな形は、このサーバーの文書のリンクを持つ人が新しい文書を作るときに選べます。判断（対応済み・許容）と回答は含まれません。",
    "templates.publish.list": "この文書から公開したひな形",
    "templates.publish.withdraw": "公開をやめる",
    "templates.publish.confirmWithdraw": "ひな形「{name}」の公開をやめます。作成済みの文書には影響しません。",
    "templates.gallery.needsLink":
      "自組織のひな形は、このサーバーの文書のリンク（または所有者キー）がある端末でだけ表示されます。",
  },
  {
    "templates.publish.ownerOnly":
      "Only someone who opened the document with the owner link can publish it as a template.",
    "templates.publish.hint":
      "A published template is offered to anyone with a link to a document on this server when they create a new document. Decisions and answers are not included.",
    "templates.publish.list": "Templates published from this document",
    "templates.publish.withdraw": "Withdraw",
    "templates.publish.confirmWithdraw":
      "Withdraw the template “{name}”? Documents already made from it are not affected.",
    "templates.gallery.needsLink":
      "Your organisation's templates are shown only on a device that holds a link to a document on this server (or an owner key).",
  },
);
