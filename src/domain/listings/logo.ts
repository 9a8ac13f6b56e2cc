// Listing logos: the type is judged by magic bytes (never the client's word), the image is decoded and
// re-encoded to a bounded PNG with sharp, so what we serve is always a plain image we produced ourselves.
import sharp from "sharp";
import type { Database } from "../../../db/client.ts";
import { requirePartnerPermission } from "../partners/membership.ts";
import { DomainError } from "../shared/errors.ts";
import type { Actor } from "./editor.ts";
import { recordRevision } from "./revisions.ts";
import { publicListings } from "../search/repository.ts";

/** 1 MB (decimal): fits, with the multipart envelope, under the server's 1 MiB body limit. */
export const LOGO_MAX_BYTES = 1_000_000;
export const LOGO_MAX_SIDE = 512;
/** Decompression bombs: a tiny file that claims a huge canvas is refused before it is decoded. */
const MAX_INPUT_PIXELS = 25_000_000;

export type LogoInputType = "image/png" | "image/jpeg" | "image/webp";

/** The image type from the file's first bytes, or null for anything we don't accept. */
export function sniffImageType(bytes: Uint8Array): LogoInputType | null {
  const starts = (sig: number[], offset = 0) => sig.every((b, i) => bytes[offset + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}

export interface ProcessedLogo {
  contentType: "image/png";
  data: Buffer;
  width: number;
  height: number;
}

const invalid = (key: string) => new DomainError("VALIDATION_FAILED", key, { fields: { logo: [key] } });

/** Validates and re-encodes an upload; field errors are i18n keys on "logo". */
export async function processLogo(bytes: Uint8Array): Promise<ProcessedLogo> {
  if (bytes.byteLength === 0) throw invalid("editor.logo.error.empty");
  if (bytes.byteLength > LOGO_MAX_BYTES) throw invalid("editor.logo.error.tooLarge");
  const type = sniffImageType(bytes);
  if (!type) throw invalid("editor.logo.error.type");
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error", animated: false });
    const meta = await image.metadata();
    // The decoder must agree with the magic bytes (no polyglot files that decode as something else).
    const expected = { "image/png": "png", "image/jpeg": "jpeg", "image/webp": "webp" }[type];
    if (meta.format !== expected) throw invalid("editor.logo.error.type");
    const { data, info } = await image
      .rotate() // apply EXIF orientation before it is stripped
      .resize(LOGO_MAX_SIDE, LOGO_MAX_SIDE, { fit: "inside", withoutEnlargement: true })
      .png({ compressionLevel: 9 })
      .toBuffer({ resolveWithObject: true });
    return { contentType: "image/png", data, width: info.width, height: info.height };
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw invalid("editor.logo.error.unreadable");
  }
}

/** Stores the organization's logo (replacing any). Logos are live at once: they are not part of the draft. */
export async function saveLogo(db: Database, input: { actor: Actor; bytes: Uint8Array }): Promise<ProcessedLogo> {
  const access = await requirePartnerPermission(db, input.actor.userId, input.actor.partnerSlug, "listing.edit");
  const logo = await processLogo(input.bytes);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("listing_logos")
      .values({ partner_id: access.partnerId, content_type: logo.contentType, data: logo.data, width: logo.width, height: logo.height })
      .onConflict((oc) =>
        oc.column("partner_id").doUpdateSet({
          content_type: logo.contentType,
          data: logo.data,
          width: logo.width,
          height: logo.height,
          updated_at: new Date(),
        }),
      )
      .execute();
    await recordRevision(trx, {
      partnerId: access.partnerId,
      action: "saved",
      actorUserId: input.actor.userId,
      changedFields: ["logo"],
      snapshot: { logo: { width: logo.width, height: logo.height } },
    });
  });
  return logo;
}

export async function removeLogo(db: Database, input: { actor: Actor }): Promise<void> {
  const access = await requirePartnerPermission(db, input.actor.userId, input.actor.partnerSlug, "listing.edit");
  await db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom("listing_logos").where("partner_id", "=", access.partnerId).executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) return;
    await recordRevision(trx, {
      partnerId: access.partnerId,
      action: "saved",
      actorUserId: input.actor.userId,
      changedFields: ["logo"],
      snapshot: { logo: null },
    });
  });
}

export interface StoredLogo {
  contentType: string;
  data: Buffer;
  updatedAt: Date;
}

/** The logo of a public listing (published, authorized partner: R1), or null. */
export async function getPublicLogo(db: Database, slug: string): Promise<StoredLogo | null> {
  const row = await publicListings(db)
    .innerJoin("listing_logos as g", "g.partner_id", "l.partner_id")
    .select(["g.content_type", "g.data", "g.updated_at"])
    .where("l.slug", "=", slug)
    .executeTakeFirst();
  return row ? { contentType: row.content_type, data: row.data, updatedAt: row.updated_at } : null;
}

/** The organization's logo for its own members (editor thumbnail, preview), whatever the listing's state. */
export async function getOwnLogo(db: Database, actor: Actor): Promise<StoredLogo | null> {
  const access = await requirePartnerPermission(db, actor.userId, actor.partnerSlug, "listing.edit");
  const row = await db
    .selectFrom("listing_logos")
    .select(["content_type", "data", "updated_at"])
    .where("partner_id", "=", access.partnerId)
    .executeTakeFirst();
  return row ? { contentType: row.content_type, data: row.data, updatedAt: row.updated_at } : null;
}
