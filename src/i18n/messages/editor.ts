// Editor messages in English and Korean; merged into the catalogs by src/i18n/ui.ts.
export const en = {} as const;

export const ko: Record<keyof typeof en, string> = {};
