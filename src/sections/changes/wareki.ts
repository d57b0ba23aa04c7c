/** Dates as published 評価書 print them: 令和6年4月1日 (平成 before 2019-05-01; 元年 for the first year). */

const ERAS = [
  { name: "令和", start: "2019-05-01", first: 2019 },
  { name: "平成", start: "1989-01-08", first: 1989 },
] as const;

export function japaneseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const era = ERAS.find((e) => iso >= e.start);
  if (!era) return `${year}年${month}月${day}日`;
  const n = year - era.first + 1;
  return `${era.name}${n === 1 ? "元" : n}年${month}月${day}日`;
}
