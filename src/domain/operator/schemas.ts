// Operator console inputs (zod), shared by the console's forms and tests; messages are i18n keys the forms translate.
import { z } from "zod";
import { programIds } from "../catalog/vocabulary.ts";

const trimmed = z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.string());

/** A decision the partner is told about must say why (reject, suspend, moderate). */
export const ReasonSchema = z.preprocess(
  (v) => (typeof v === "string" ? v.trim() : v),
  z.string({ error: "operator.error.reasonRequired" }).min(1, "operator.error.reasonRequired").max(2000, "operator.error.reasonTooLong"),
);

export const OptionalReasonSchema = z.preprocess(
  (v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined),
  z.string().max(2000, "operator.error.reasonTooLong").optional(),
);

export const ReasonInput = z.object({ reason: ReasonSchema });
export const OptionalReasonInput = z.object({ reason: OptionalReasonSchema });

export const PARTNER_STATUSES = ["pending", "authorized", "rejected", "suspended"] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

export const ProgramDecisionInput = z
  .object({
    program: z.enum(programIds, { error: "operator.error.programUnknown" }),
    decision: z.enum(["verified", "rejected"], { error: "operator.error.decisionUnknown" }),
    reason: OptionalReasonSchema,
  })
  // R3: a rejected enrollment is explained to the partner, like any other refusal.
  .refine((v) => v.decision === "verified" || (v.reason !== undefined && v.reason !== ""), {
    path: ["reason"],
    message: "operator.error.reasonRequired",
  });
export type ProgramDecision = z.output<typeof ProgramDecisionInput>;

const slugId = trimmed.pipe(
  z
    .string()
    .min(1, "operator.error.idRequired")
    .max(60, "operator.error.idTooLong")
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "operator.error.idFormat"),
);
const name = trimmed.pipe(z.string().min(1, "operator.error.nameRequired").max(120, "operator.error.nameTooLong"));
const intField = (min: number, max: number, key: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z
      .number({ error: key })
      .int(key)
      .min(min, key)
      .max(max, key),
  );
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean());
const stringList = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().trim().min(1)).max(50),
);

/** A catalog service: a name per language; `id` is the stable key listings and offers refer to. */
export const ServiceInput = z.object({
  id: slugId,
  nameEn: name,
  nameKo: name,
  category: trimmed.pipe(z.string().min(1, "operator.error.categoryRequired").max(60, "operator.error.categoryTooLong")),
  sortOrder: intField(-100000, 100000, "operator.error.sortOrder").default(0),
  active: checkbox,
});
export type ServiceData = z.output<typeof ServiceInput>;

/** R2: an offer bundles one or more services with a trial length (days) and a seat cap. */
export const OfferInput = z.object({
  id: slugId,
  nameEn: name,
  nameKo: name,
  trialDays: intField(1, 365, "operator.error.trialDays"),
  seatCap: intField(1, 100000, "operator.error.seatCap"),
  services: stringList.refine((list) => list.length > 0, "operator.error.offerServicesRequired"),
  active: checkbox,
});
export type OfferData = z.output<typeof OfferInput>;

export const PartnerListQuery = z.object({
  status: z.enum(PARTNER_STATUSES).optional().catch(undefined),
  q: z.preprocess((v) => (typeof v === "string" ? v.trim() : undefined), z.string().max(200).optional()).catch(undefined),
  page: z.coerce.number().int().min(1).max(10000).catch(1),
});
export type PartnerListFilter = z.output<typeof PartnerListQuery>;

export const AUDIT_SUBJECT_TYPES = ["partner", "listing", "program", "service", "offer", "user", "member", "invitation"] as const;
export const AuditListQuery = z.object({
  subjectType: z.enum(AUDIT_SUBJECT_TYPES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10000).catch(1),
});
export type AuditFilter = z.output<typeof AuditListQuery>;
