// Lead notifications, capacity pause and response time (issue 5) in English and Korean; merged by src/i18n/ui.ts.
export const en = {
  "notify.nav": "Notifications",
  "notify.page.title": "Notifications and availability",

  "notify.prefs.heading": "Your email notifications",
  "notify.prefs.intro": "These settings are yours alone: every member of {name} chooses their own.",
  "notify.prefs.newLeads": "Email me about each new lead",
  "notify.prefs.newLeads.hint": "Sent as soon as a customer confirms their trial request.",
  "notify.prefs.digest": "Email me a daily summary of leads still waiting",
  "notify.prefs.digest.hint": "Once a day, and only when leads are still “new” more than 48 hours after the customer confirmed.",
  "notify.prefs.submit": "Save my notification settings",
  "notify.prefs.done": "Your notification settings were saved.",

  "notify.capacity.heading": "New trial requests",
  "notify.capacity.accepting": "You are accepting new trial requests.",
  "notify.capacity.pausedSince": "New trial requests are paused since {date}.",
  "notify.capacity.checkbox": "Not accepting new customers right now",
  "notify.capacity.hint":
    "While this is on, your listing shows that message instead of the trial request form, and customers can filter you out in search. Requests customers already sent can still be confirmed and reach your inbox, so nothing in flight is lost.",
  "notify.capacity.submit": "Save availability",
  "notify.capacity.done.paused": "New trial requests are paused.",
  "notify.capacity.done.resumed": "You are accepting new trial requests again.",
  "notify.capacity.readOnly": "Only owners and admins can change this.",

  "notify.response.heading": "Your response time",
  "notify.response.known": "Customers see “{text}” on your listing.",
  "notify.response.samples.one": "Measured over {count} request confirmed in the last 180 days (answered, or waiting for more than a day).",
  "notify.response.samples.other": "Measured over {count} requests confirmed in the last 180 days (answered, or waiting for more than a day).",
  "notify.response.unknown":
    "Not enough data yet: your listing shows a typical response time once at least 5 requests confirmed in the last 180 days have a first response (contacted, invited or declined).",

  "notify.respondsWithin.hours.one": "Typically responds within {count} hour",
  "notify.respondsWithin.hours.other": "Typically responds within {count} hours",
  "notify.respondsWithin.days.one": "Typically responds within {count} day",
  "notify.respondsWithin.days.other": "Typically responds within {count} days",

  "notify.listing.paused": "{name} isn't accepting new customers right now.",
  "notify.listing.paused.hint": "You can come back later, or find another partner for the services you need.",
  "notify.listing.paused.search": "Find partners accepting new customers",
  "notify.trial.paused": "This partner stopped accepting new customers while you were filling in the form. Nothing was sent.",

  "notify.search.facet.responsiveness": "Responsiveness",
  "notify.search.respondsWithin24h": "Responds within 24 hours",
  "notify.search.facet.availability": "Availability",
  "notify.search.acceptingRequests": "Accepting new customers",
  "notify.search.paused": "Not accepting new customers right now",
} as const;

export const ko: Record<keyof typeof en, string> = {
  "notify.nav": "알림",
  "notify.page.title": "알림 및 신규 요청 설정",

  "notify.prefs.heading": "내 이메일 알림",
  "notify.prefs.intro": "이 설정은 나에게만 적용됩니다. {name}의 구성원은 각자 알림을 설정합니다.",
  "notify.prefs.newLeads": "새 리드가 들어올 때마다 이메일 받기",
  "notify.prefs.newLeads.hint": "고객이 체험 요청을 확인하는 즉시 발송됩니다.",
  "notify.prefs.digest": "응답을 기다리는 리드 요약을 매일 이메일로 받기",
  "notify.prefs.digest.hint": "하루에 한 번, 고객이 확인한 지 48시간이 지나도록 '신규' 상태인 리드가 있을 때만 발송됩니다.",
  "notify.prefs.submit": "알림 설정 저장",
  "notify.prefs.done": "알림 설정을 저장했습니다.",

  "notify.capacity.heading": "신규 체험 요청",
  "notify.capacity.accepting": "현재 신규 체험 요청을 받고 있습니다.",
  "notify.capacity.pausedSince": "{date}부터 신규 체험 요청을 받지 않고 있습니다.",
  "notify.capacity.checkbox": "지금은 신규 고객을 받지 않음",
  "notify.capacity.hint":
    "이 설정을 켜면 소개 페이지에 체험 요청 양식 대신 이 안내가 표시되고, 고객은 검색에서 귀사를 제외할 수 있습니다. 고객이 이미 보낸 요청은 계속 확인할 수 있고 받은 편지함에 도착하므로, 진행 중인 요청은 사라지지 않습니다.",
  "notify.capacity.submit": "요청 접수 설정 저장",
  "notify.capacity.done.paused": "신규 체험 요청 접수를 중지했습니다.",
  "notify.capacity.done.resumed": "신규 체험 요청을 다시 받고 있습니다.",
  "notify.capacity.readOnly": "소유자와 관리자만 변경할 수 있습니다.",

  "notify.response.heading": "응답 시간",
  "notify.response.known": "고객에게는 소개 페이지에 “{text}”(으)로 표시됩니다.",
  "notify.response.samples.one": "최근 180일 동안 확인된 요청 {count}건(응답했거나 하루 넘게 기다리고 있는 요청)을 기준으로 측정했습니다.",
  "notify.response.samples.other": "최근 180일 동안 확인된 요청 {count}건(응답했거나 하루 넘게 기다리고 있는 요청)을 기준으로 측정했습니다.",
  "notify.response.unknown":
    "아직 데이터가 충분하지 않습니다. 최근 180일 동안 확인된 요청 중 5건 이상에 첫 응답(연락, 초대 또는 거절)을 하면 소개 페이지에 평균 응답 시간이 표시됩니다.",

  "notify.respondsWithin.hours.one": "보통 {count}시간 이내 응답",
  "notify.respondsWithin.hours.other": "보통 {count}시간 이내 응답",
  "notify.respondsWithin.days.one": "보통 {count}일 이내 응답",
  "notify.respondsWithin.days.other": "보통 {count}일 이내 응답",

  "notify.listing.paused": "{name}은(는) 지금 신규 고객을 받지 않습니다.",
  "notify.listing.paused.hint": "나중에 다시 방문하시거나, 필요한 서비스를 제공하는 다른 파트너를 찾아보세요.",
  "notify.listing.paused.search": "신규 고객을 받는 파트너 찾기",
  "notify.trial.paused": "양식을 작성하시는 동안 이 파트너가 신규 고객 접수를 중지했습니다. 요청은 전송되지 않았습니다.",

  "notify.search.facet.responsiveness": "응답 속도",
  "notify.search.respondsWithin24h": "24시간 이내 응답",
  "notify.search.facet.availability": "접수 상태",
  "notify.search.acceptingRequests": "신규 고객 받는 중",
  "notify.search.paused": "지금은 신규 고객을 받지 않음",
};
