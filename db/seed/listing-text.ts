// Composes a demo listing's headlines and Markdown descriptions (two paragraphs and a bullet list) from the templates.
import { INDUSTRIES, label } from "../../src/domain/catalog/vocabulary.ts";
import type { Random } from "./random.ts";
import { fill, INTROS, topicParticle, type Theme } from "./templates.ts";

export interface ListingSubject {
  /** The name used in English text. */
  nameEn: string;
  /** The name used in Korean text. */
  nameKo: string;
  /** Home city in English ("Busan", "Seattle"). */
  cityEn: string;
  /** Area served, as written in each language ("Busan and Gyeongnam" / "부산·경남"). */
  areaEn: string;
  areaKo: string;
  /** Industry id featured in the text. */
  industry: string;
}

export interface ListingText {
  headline_en: string | null;
  headline_ko: string | null;
  description_en: string | null;
  description_ko: string | null;
}

/** "Financial services" → "financial services", but "IT services" stays as it is. */
function inSentence(text: string): string {
  return /^[A-Z][A-Z]/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Text in the requested languages; both languages say the same thing (templates are parallel pairs). */
export function listingText(
  rng: Random,
  theme: Theme,
  subject: ListingSubject,
  languages: { en: boolean; ko: boolean },
): ListingText {
  const headline = rng.pick(theme.headlines);
  const intro = rng.pick(INTROS);
  const approach = rng.pick(theme.approaches);
  const bulletCount = rng.int(3, 4);
  const bullets = rng
    .sample(
      theme.bullets.map((_, i) => i),
      bulletCount,
    )
    .sort((a, b) => a - b)
    .map((i) => theme.bullets[i]!);
  const numbers = {
    year: String(rng.int(1998, 2021)),
    team: String(rng.int(6, 85)),
    projects: String(rng.int(40, 900)),
    mailboxes: thousands(rng.int(10, 250) * 1000),
  };

  const en = {
    ...numbers,
    name: subject.nameEn,
    city: subject.cityEn,
    area: subject.areaEn,
    industry: inSentence(label(INDUSTRIES, subject.industry, "en")),
    focus: theme.focus.en,
  };
  const ko = {
    ...numbers,
    name: subject.nameKo,
    은는: topicParticle(subject.nameKo),
    city: subject.areaKo,
    area: subject.areaKo,
    industry: label(INDUSTRIES, subject.industry, "ko"),
    focus: theme.focus.ko,
  };

  const markdown = (vars: Record<string, string>, lang: "en" | "ko") =>
    [
      fill(intro[lang], vars),
      fill(approach[lang], vars),
      bullets.map((b) => `- ${fill(b[lang], vars)}`).join("\n"),
    ].join("\n\n");

  return {
    headline_en: languages.en ? fill(headline.en, en) : null,
    headline_ko: languages.ko ? fill(headline.ko, ko) : null,
    description_en: languages.en ? markdown(en, "en") : null,
    description_ko: languages.ko ? markdown(ko, "ko") : null,
  };
}
