// Live partner search: refetches this same page as the form changes and swaps in its facets and results.
// Only an enhancement: without it the GET form, chips and page links do exactly the same with full page loads.

const form = document.querySelector<HTMLFormElement>("form[data-search-form]");

if (form) {
  const q = form.querySelector<HTMLInputElement>("#q");
  const sort = form.querySelector<HTMLSelectElement>("#sort");
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inflight: AbortController | undefined;
  form.classList.add("is-enhanced");

  // The URL the form would submit, minus empty and default values (what toSearchParams would write).
  const target = (): string => {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) {
      if (typeof value === "string" && value !== "" && !(key === "sort" && value === "relevance")) params.append(key, value);
    }
    const search = params.toString();
    return form.action.replace(/[?#].*$/, "") + (search ? `?${search}` : "");
  };

  const load = async (url: string, history: "push" | "replace" | "none"): Promise<void> => {
    clearTimeout(timer);
    inflight?.abort();
    const controller = (inflight = new AbortController());
    const results = document.getElementById("results");
    results?.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { Accept: "text/html" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const next = new DOMParser().parseFromString(await response.text(), "text/html");
      const swaps = [...document.querySelectorAll<HTMLElement>("[data-swap]")].map((el) => [el, next.getElementById(el.id)] as const);
      if (swaps.length === 0 || swaps.some(([, fresh]) => !fresh)) throw new Error("unexpected page");
      const focused = document.activeElement?.id;
      const open = [...form.querySelectorAll("details[open]")].map((d) => d.id);
      // Children, not the element: the live region must stay the same node to be announced.
      for (const [el, fresh] of swaps) el.replaceChildren(...fresh!.childNodes);
      for (const id of open) document.getElementById(id)?.setAttribute("open", "");
      if (focused && document.activeElement !== document.getElementById(focused)) document.getElementById(focused)?.focus();
      document.title = next.title;
      if (history === "push") window.history.pushState(null, "", url);
      else if (history === "replace") window.history.replaceState(null, "", url);
    } catch {
      // Anything odd (a 400, a network hiccup): let the browser load the page the plain way.
      if (!controller.signal.aborted) location.assign(url);
    } finally {
      if (inflight === controller) results?.removeAttribute("aria-busy");
    }
  };

  form.addEventListener("input", (event) => {
    if (event.target !== q) return;
    clearTimeout(timer);
    timer = setTimeout(() => void load(target(), "replace"), 250);
  });
  form.addEventListener("change", (event) => {
    if (event.target !== q) void load(target(), "push");
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void load(target(), "push");
  });
  window.addEventListener("popstate", () => {
    const params = new URL(location.href).searchParams;
    if (q) q.value = params.get("q") ?? "";
    if (sort) sort.value = params.get("sort") ?? "relevance";
    void load(location.href, "none");
  });
}
