// Messages shared by every form and portal page, in English and Korean; merged by src/i18n/ui.ts.
export const en = {
  "nav.signIn": "Sign in",
  "nav.signOut": "Sign out",
  "nav.portal": "Partner portal",
  "nav.operator": "Operator console",
  "form.unreadable": "The form could not be read. Please try again.",
  "form.fixErrors": "Please correct the highlighted fields.",
  "form.saved": "Saved.",
  "error.rateLimited": "Too many attempts. Please wait {seconds} seconds and try again.",
  "error.forbidden": "You don't have permission to do that.",
  "error.generic": "Something went wrong on our side. Please try again.",
} as const;

export const ko: Record<keyof typeof en, string> = {
  "nav.signIn": "로그인",
  "nav.signOut": "로그아웃",
  "nav.portal": "파트너 포털",
  "nav.operator": "운영자 콘솔",
  "form.unreadable": "양식을 읽을 수 없습니다. 다시 시도해 주세요.",
  "form.fixErrors": "표시된 항목을 확인해 주세요.",
  "form.saved": "저장했습니다.",
  "error.rateLimited": "시도 횟수가 너무 많습니다. {seconds}초 후에 다시 시도해 주세요.",
  "error.forbidden": "이 작업을 할 권한이 없습니다.",
  "error.generic": "일시적인 문제가 발생했습니다. 다시 시도해 주세요.",
};
