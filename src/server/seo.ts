// Search-engine and sharing metadata for listing pages: meta description and schema.org JSON-LD.
import { REGIONS, label } from "../domain/catalog/vocabulary.ts";
import type { PublicListing } from "../domain/listings/repository.ts";
import type { Locale } from "../i18n/ui.ts";

/** At most `max` characters, cut at a word boundary with an ellipsis (search engines show ~155–160). */
export function metaDescription(text: string, max = 160): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, "")}…`;
}

/** schema.org Organization for a listing: what it offers, where, in which languages, and its rating. */
export function listingJsonLd(listing: PublicListing, options: { url: string; locale: Locale }): Record<string, unknown> {
  const data: Record<string, unknown> = {
    "@context": "https://schema.org",
    "@type": "Organization",
    "@id": `${options.url}#organization`,
    name: listing.name,
    url: options.url,
    description: listing.headline,
  };
  if (listing.website) data.sameAs = [listing.website];
  if (listing.regions.length) {
    data.areaServed = listing.regions.map((id) => ({ "@type": "Country", name: label(REGIONS, id, options.locale) }));
  }
  // BCP 47 codes, as schema.org recommends for knowsLanguage.
  if (listing.languages.length) data.knowsLanguage = listing.languages;
  if (listing.services.length) {
    data.makesOffer = listing.services.map((service) => ({
      "@type": "Offer",
      itemOffered: { "@type": "Service", name: service.name },
    }));
  }
  // A rating without reviews is not a rating to search engines (they reject reviewCount 0).
  if (listing.rating !== null && listing.reviewCount > 0) {
    data.aggregateRating = {
      "@type": "AggregateRating",
      ratingValue: listing.rating,
      reviewCount: listing.reviewCount,
      bestRating: 5,
      worstRating: 0,
    };
  }
  return data;
}

/**
 * JSON for inside <script type="application/ld+json">: `<` (so "</script>" and "<!--" can't end the element),
 * `>` and `&` escaped as JSON unicode escapes, plus U+2028/2029 for old parsers. Still valid, equal JSON.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
