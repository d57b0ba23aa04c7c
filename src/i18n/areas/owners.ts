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
    "owner.title": "所有者キー（自分の文書の一覧）",
    "owner.intro":
      "所有者キーを作ると、自分が所有者の文書の一覧がサーバーに保存され、別のパソコンや新しいブラウザでも同じ一覧から開けます。キーはパスワードと同じように扱い、人に渡さないでください（課で共有する場合を除く）。",
    "owner.create": "所有者キーを作る",
    "owner.created": "所有者キーを作りました。別のパソコンで使うには、キーのリンクを控えてください。",
    "owner.have":
      "この端末は所有者キーを使っています（一覧 {count} 件）。別のパソコンで同じ一覧を見るには、キーのリンクを自分あてのメールなどで控え、そのパソコンで開いてください。",
    "owner.show": "キーを表示",
    "owner.hide": "隠す",
    "owner.copyLink": "キーのリンクをコピー",
    "owner.copyKey": "キーをコピー",
    "owner.copied": "コピーしました",
    "owner.remote": "所有者キーの文書（この端末にまだリンクがないもの）",
    "owner.open": "この端末で開く",
    "owner.remove": "一覧から外す",
    "owner.replace": "キーを作り直す",
    "owner.confirmReplace":
      "新しい所有者キーに替えます。いまのキーは使えなくなります。ほかの端末では新しいキーを入れ直してください。",
    "owner.replaced": "新しい所有者キーに替えました。控えも新しいものにしてください。",
    "owner.forget": "この端末でキーを使わない",
    "owner.confirmForget":
      "この端末から所有者キーを消します（サーバーの一覧は残ります）。控えがないと、この一覧は開けなくなります。",
    "owner.adopt": "別の端末の所有者キーを入力",
    "owner.adoptOther": "別の所有者キーに切り替える",
    "owner.adoptPlaceholder": "キー、またはキーのリンク（…/#k=…）",
    "owner.use": "このキーを使う",
    "owner.badKey": "所有者キーではありません（43 文字のキー、またはキーのリンクを入れてください）",
    "owner.adopted": "所有者キーを設定しました。一覧をサーバーから読み込みます。",
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
    "owner.title": "Owner key (your list of documents)",
    "owner.intro":
      "With an owner key, the list of documents you own is kept on the server, so another PC or a new browser shows the same list. Treat the key like a password; do not give it away (unless your team shares it).",
    "owner.create": "Create an owner key",
    "owner.created": "Owner key created. Keep its link to use it on another PC.",
    "owner.have":
      "This device uses an owner key ({count} listed). To see the same list on another PC, keep the key's link (e.g. mail it to yourself) and open it there.",
    "owner.show": "Show key",
    "owner.hide": "Hide",
    "owner.copyLink": "Copy the key's link",
    "owner.copyKey": "Copy the key",
    "owner.copied": "Copied",
    "owner.remote": "Documents of your owner key not yet linked on this device",
    "owner.open": "Open on this device",
    "owner.remove": "Remove from the list",
    "owner.replace": "Replace the key",
    "owner.confirmReplace":
      "Replace the owner key with a new one? The current key stops working; enter the new one on your other devices.",
    "owner.replaced": "The owner key was replaced. Keep the new one.",
    "owner.forget": "Stop using the key on this device",
    "owner.confirmForget":
      "Remove the owner key from this device? The list stays on the server, but without a copy of the key you cannot open it.",
    "owner.adopt": "Enter the owner key from another device",
    "owner.adoptOther": "Switch to another owner key",
    "owner.adoptPlaceholder": "The key, or the key's link (…/#k=…)",
    "owner.use": "Use this key",
    "owner.badKey": "This is not an owner key (enter the 43-character key or the key's link)",
    "owner.adopted": "Owner key set; loading the list from the server.",
  },
);
