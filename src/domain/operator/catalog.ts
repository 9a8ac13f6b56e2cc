// The service catalog and offers (R2): services have a name per language; an offer bundles services with a
// trial length and a seat cap. Renaming or deactivating a service re-syncs every listing that offers it.
import type { Database } from "../../../db/client.ts";
import { audit } from "../shared/audit.ts";
import { DomainError } from "../shared/errors.ts";
import { enqueueListingSync } from "../shared/jobs.ts";
import { assertOperator, type OperatorContext } from "./context.ts";
import { validation, type ActionResult } from "./partners.ts";
import { OfferInput, ServiceInput, type OfferData, type ServiceData } from "./schemas.ts";

export interface CatalogService extends ServiceData {
  listingCount: number;
}
export type CatalogOffer = OfferData;

export async function listServices(ctx: OperatorContext): Promise<CatalogService[]> {
  assertOperator(ctx.actor);
  const rows = await ctx.db
    .selectFrom("services as s")
    .select((eb) => [
      "s.id",
      "s.name_en",
      "s.name_ko",
      "s.category",
      "s.sort_order",
      "s.active",
      eb.selectFrom("listing_services as ls").select(eb.fn.countAll<number>().as("n")).whereRef("ls.service_id", "=", "s.id").as("listing_count"),
    ])
    .orderBy("s.sort_order")
    .orderBy("s.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    nameEn: r.name_en,
    nameKo: r.name_ko,
    category: r.category,
    sortOrder: r.sort_order,
    active: r.active,
    listingCount: Number(r.listing_count ?? 0),
  }));
}

export async function listOffers(ctx: OperatorContext): Promise<CatalogOffer[]> {
  assertOperator(ctx.actor);
  const [offers, links] = await Promise.all([
    ctx.db.selectFrom("offers").selectAll().orderBy("id").execute(),
    ctx.db.selectFrom("offer_services").selectAll().orderBy("service_id").execute(),
  ]);
  return offers.map((o) => ({
    id: o.id,
    nameEn: o.name_en,
    nameKo: o.name_ko,
    trialDays: o.trial_days,
    seatCap: o.seat_cap,
    active: o.active,
    services: links.filter((l) => l.offer_id === o.id).map((l) => l.service_id),
  }));
}

/** Creates (mode "create") or updates a service; the id never changes once listings refer to it. */
export async function saveService(ctx: OperatorContext, mode: "create" | "update", input: unknown): Promise<ActionResult> {
  assertOperator(ctx.actor);
  const parsed = ServiceInput.safeParse(input ?? {});
  if (!parsed.success) throw validation(parsed.error.issues);
  const s = parsed.data;
  return ctx.db.transaction().execute(async (trx) => {
    const values = { category: s.category, name_en: s.nameEn, name_ko: s.nameKo, sort_order: s.sortOrder, active: s.active };
    if (mode === "create") {
      const inserted = await trx
        .insertInto("services")
        .values({ id: s.id, ...values })
        .onConflict((oc) => oc.column("id").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!inserted) throw new DomainError("CONFLICT", "service id taken", { fields: { id: ["operator.error.idTaken"] } });
      await audit(trx, { actorUserId: ctx.actor.id, action: "service.create", subjectType: "service", subjectId: s.id, data: { ...values } });
      return { changed: true, listingIds: [] };
    }
    const before = await trx.selectFrom("services").selectAll().where("id", "=", s.id).forUpdate().executeTakeFirst();
    if (!before) throw new DomainError("NOT_FOUND");
    await trx.updateTable("services").set(values).where("id", "=", s.id).execute();
    const changes = diff(
      { category: before.category, name_en: before.name_en, name_ko: before.name_ko, sort_order: before.sort_order, active: before.active },
      values,
    );
    await audit(trx, { actorUserId: ctx.actor.id, action: "service.update", subjectType: "service", subjectId: s.id, data: { changes } });
    // Listing documents carry service names and only active services: those changes must reach search.
    const affectsSearch = "name_en" in changes || "name_ko" in changes || "active" in changes || "sort_order" in changes;
    const listingIds = affectsSearch ? await listingIdsOffering(trx, s.id) : [];
    if (listingIds.length) await enqueueListingSync(trx, listingIds);
    return { changed: Object.keys(changes).length > 0, listingIds };
  });
}

export async function setServiceActive(ctx: OperatorContext, serviceId: string, active: boolean): Promise<ActionResult> {
  assertOperator(ctx.actor);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.updateTable("services").set({ active }).where("id", "=", serviceId).where("active", "=", !active).returning("id").executeTakeFirst();
    if (!row) {
      const exists = await trx.selectFrom("services").select("id").where("id", "=", serviceId).executeTakeFirst();
      if (!exists) throw new DomainError("NOT_FOUND");
      return { changed: false, listingIds: [] };
    }
    await audit(trx, {
      actorUserId: ctx.actor.id,
      action: active ? "service.activate" : "service.deactivate",
      subjectType: "service",
      subjectId: serviceId,
    });
    const listingIds = await listingIdsOffering(trx, serviceId);
    if (listingIds.length) await enqueueListingSync(trx, listingIds);
    return { changed: true, listingIds };
  });
}

/** R2: an offer's services must exist and be active; trial length and seat cap are bounded (also by the schema's checks). */
export async function saveOffer(ctx: OperatorContext, mode: "create" | "update", input: unknown): Promise<ActionResult> {
  assertOperator(ctx.actor);
  const parsed = OfferInput.safeParse(input ?? {});
  if (!parsed.success) throw validation(parsed.error.issues);
  const o = parsed.data;
  const serviceIds = [...new Set(o.services)];
  return ctx.db.transaction().execute(async (trx) => {
    const known = await trx.selectFrom("services").select(["id", "active"]).where("id", "in", serviceIds).execute();
    const usable = new Set(known.filter((s) => s.active).map((s) => s.id));
    if (serviceIds.some((id) => !usable.has(id))) {
      throw new DomainError("VALIDATION_FAILED", "unknown or inactive service", { fields: { services: ["operator.error.offerServiceUnknown"] } });
    }
    const values = { name_en: o.nameEn, name_ko: o.nameKo, trial_days: o.trialDays, seat_cap: o.seatCap, active: o.active };
    if (mode === "create") {
      const inserted = await trx
        .insertInto("offers")
        .values({ id: o.id, ...values })
        .onConflict((oc) => oc.column("id").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!inserted) throw new DomainError("CONFLICT", "offer id taken", { fields: { id: ["operator.error.idTaken"] } });
    } else {
      const updated = await trx.updateTable("offers").set(values).where("id", "=", o.id).returning("id").executeTakeFirst();
      if (!updated) throw new DomainError("NOT_FOUND");
      await trx.deleteFrom("offer_services").where("offer_id", "=", o.id).execute();
    }
    await trx.insertInto("offer_services").values(serviceIds.map((service_id) => ({ offer_id: o.id, service_id }))).execute();
    await audit(trx, {
      actorUserId: ctx.actor.id,
      action: mode === "create" ? "offer.create" : "offer.update",
      subjectType: "offer",
      subjectId: o.id,
      data: { ...values, services: serviceIds },
    });
    return { changed: true, listingIds: [] };
  });
}

export async function setOfferActive(ctx: OperatorContext, offerId: string, active: boolean): Promise<ActionResult> {
  assertOperator(ctx.actor);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.updateTable("offers").set({ active }).where("id", "=", offerId).where("active", "=", !active).returning("id").executeTakeFirst();
    if (!row) {
      const exists = await trx.selectFrom("offers").select("id").where("id", "=", offerId).executeTakeFirst();
      if (!exists) throw new DomainError("NOT_FOUND");
      return { changed: false, listingIds: [] };
    }
    await audit(trx, { actorUserId: ctx.actor.id, action: active ? "offer.activate" : "offer.deactivate", subjectType: "offer", subjectId: offerId });
    return { changed: true, listingIds: [] };
  });
}

async function listingIdsOffering(db: Database, serviceId: string): Promise<string[]> {
  const rows = await db.selectFrom("listing_services").select("listing_id").where("service_id", "=", serviceId).execute();
  return rows.map((r) => r.listing_id);
}

function diff<T extends Record<string, unknown>>(before: T, after: T): Partial<Record<keyof T, { from: unknown; to: unknown }>> {
  const out: Partial<Record<keyof T, { from: unknown; to: unknown }>> = {};
  for (const key of Object.keys(after) as Array<keyof T>) {
    if (before[key] !== after[key]) out[key] = { from: before[key], to: after[key] };
  }
  return out;
}
