// How a generated listing gets its services, expertise and industries from its theme: shared by the demo seed and
// the benchmark generator. The order of the random calls is part of the output (both generators are deterministic).
import { SERVICE_IDS } from "./catalog.ts";
import type { Random } from "./random.ts";
import type { Theme } from "./templates.ts";
import { EXPERTISE, INDUSTRIES } from "../../src/domain/catalog/vocabulary.ts";

const expertisePool = EXPERTISE.map((e) => e.id);
const industryPool = INDUSTRIES.map((i) => i.id);

/** `picked` topped up with other ids from `pool` to `count`, in `pool` order (a stable facet order). */
function withExtras(rng: Random, picked: readonly string[], pool: readonly string[], count: number): string[] {
  const extras = rng.sample(
    pool.filter((id) => !picked.includes(id)),
    count - picked.length,
  );
  const chosen = new Set([...picked, ...extras]);
  return pool.filter((id) => chosen.has(id));
}

/** Mostly the theme's typical services, expertise and industries, with a few others mixed in; `featured` is the
 * industry the listing's text is written for. */
export function pickThemeFacets(
  rng: Random,
  theme: Theme,
): { services: string[]; expertise: string[]; industries: string[]; featured: string } {
  const serviceCount = rng.int(2, 6);
  const core = [theme.services[0]!, ...rng.sample(theme.services.slice(1), Math.min(serviceCount - 1, 3))];
  const services = withExtras(rng, core, SERVICE_IDS, serviceCount);
  const expertiseCount = rng.int(2, 6);
  const expertise = withExtras(rng, rng.sample(theme.expertise, expertiseCount), expertisePool, expertiseCount);
  const industryCount = rng.int(1, 4);
  const featured = rng.pick(theme.industries);
  const industries = withExtras(
    rng,
    [featured, ...rng.sample(theme.industries, industryCount - 1)].slice(0, industryCount),
    industryPool,
    industryCount,
  );
  return { services, expertise, industries, featured };
}
