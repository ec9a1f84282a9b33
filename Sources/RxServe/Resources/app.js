// RxAtlas's browser app: pages built from the JSON API, the page's state in the query string
// (?page=measure&id=…&level=…, ?page=org&code=…), so every view's URL can be shared.
"use strict";
const main = document.getElementById("main");
const params = new URLSearchParams(location.search);

async function api(path) {
  const r = await fetch(path);
  const body = await r.json();
  if (!r.ok) throw new Error(body.error ? body.error.message : r.statusText);
  return body;
}
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}
function num(v, digits) { return v === null || v === undefined ? "" : Number(v).toLocaleString("en-GB", {maximumFractionDigits: digits ?? 2}); }
function link(query, text) { return el("a", {href: "/?" + new URLSearchParams(query).toString()}, text); }
function table(head, rows) {
  const t = el("table", {}, el("thead", {}, el("tr", {}, ...head.map(h => el("th", {scope: "col"}, h)))));
  const body = el("tbody");
  for (const r of rows) body.append(el("tr", {}, ...r.map(c => c instanceof Node ? el("td", {}, c) : el("td", {class: typeof c === "number" ? "n" : ""}, c))));
  t.append(body);
  return t;
}

// A chart drawn by the server (RxReport's SVG), with a text alternative; a chart the data cannot
// have (a map below ICB level, a measure without a funnel) is left out rather than shown broken.
function chart(src, alt) {
  const img = el("img", {src, alt, loading: "lazy"});
  const fig = el("figure", {}, img);
  img.addEventListener("error", () => fig.remove());
  return fig;
}

// The deciles over time as an SVG fan drawn in the page (no library, no network).
function decileChart(rows, title) {
  const W = 640, H = 260, L = 50, B = 30, ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", title);
  const values = rows.flatMap(r => r.deciles.filter(v => v !== null));
  if (!values.length || rows.length < 2) return el("p", {class: "muted"}, "Not enough months with values to draw the deciles.");
  const lo = Math.min(...values), hi = Math.max(...values) || 1;
  const x = i => L + (W - L - 10) * i / (rows.length - 1), y = v => H - B - (H - B - 10) * (v - lo) / ((hi - lo) || 1);
  for (let k = 0; k < 9; k++) {
    const points = rows.map((r, i) => r.deciles[k] === null ? null : `${x(i)},${y(r.deciles[k])}`).filter(Boolean).join(" ");
    const line = document.createElementNS(ns, "polyline");
    line.setAttribute("points", points);
    line.setAttribute("fill", "none");
    line.setAttribute("stroke", k === 4 ? "#1565c0" : "#90a4ae");
    line.setAttribute("stroke-width", k === 4 ? 2.5 : 1);
    line.setAttribute("stroke-dasharray", k === 4 ? "" : "4 3");
    svg.append(line);
  }
  for (const [v, text] of [[lo, num(lo)], [hi, num(hi)]]) {
    const t = document.createElementNS(ns, "text");
    t.setAttribute("x", 4); t.setAttribute("y", y(v)); t.textContent = text; svg.append(t);
  }
  for (const i of [0, rows.length - 1]) {
    const t = document.createElementNS(ns, "text");
    t.setAttribute("x", x(i) - 20); t.setAttribute("y", H - 8); t.textContent = rows[i].month; svg.append(t);
  }
  return svg;
}

async function measuresPage() {
  const measures = await api("/api/v1/measures");
  main.replaceChildren(el("h2", {}, "Measures"),
    table(["Measure", "What", "Tags"], measures.map(m => [link({page: "measure", id: m.id}, m.name), m.description, m.tags.join(", ")])));
}

async function measurePage(id, level) {
  const [measures, deciles, atlas] = await Promise.all([api("/api/v1/measures"), api(`/api/v1/measures/${encodeURIComponent(id)}/deciles?level=${level}`),
                                                       api(`/api/v1/atlas/${encodeURIComponent(id)}?level=${level}`)]);
  const m = measures.find(x => x.id === id) || {name: id, description: ""};
  const levels = ["practice", "pcn", "sub-icb", "icb", "region", "nation"];
  const pick = el("select", {id: "level"}, ...levels.map(l => { const o = el("option", {value: l}, l); if (l === level) o.selected = true; return o; }));
  pick.addEventListener("change", () => { location.search = new URLSearchParams({page: "measure", id, level: pick.value}).toString(); });
  const parts = [el("h2", {}, m.name), el("p", {}, m.description), el("label", {for: "level"}, "Level "), pick];
  const nations = [...new Set(deciles.map(d => d.nation))];
  for (const n of nations) {
    const rows = deciles.filter(d => d.nation === n);
    parts.push(el("h3", {}, "Deciles by month" + (nations.length > 1 ? ` (${n})` : "")), decileChart(rows, `Deciles of ${m.name} by month`));
  }
  for (const a of atlas) {
    const query = new URLSearchParams({level, nation: a.nation || ""}).toString();
    const where = atlas.length > 1 ? ` (${a.nation})` : "";
    parts.push(el("h3", {}, `${a.from} to ${a.to}: ${a.units} units` + where),
      el("p", {}, `National value ${num(a.national)} (95% ${num(a.national_lower95)}–${num(a.national_upper95)}); fold range ${num(a.fold_range)}.`),
      el("div", {class: "charts"},
        chart(`/api/v1/charts/${encodeURIComponent(id)}/funnel.svg?${query}`, `Funnel plot of ${m.name}${where}: each unit's value against its denominator, with 95% and 99.8% limits; the table below lists the units.`),
        chart(`/api/v1/charts/${encodeURIComponent(id)}/ranked.svg?${query}`, `Every unit's value of ${m.name}${where} ranked, with its 95% interval.`),
        level === "icb" ? chart(`/api/v1/charts/${encodeURIComponent(id)}/map.svg?${query}`, `Map of ${m.name}${where} by area, in fifths of the value.`) : ""));
    const ranked = [...a.points].sort((p, q) => q.value - p.value).slice(0, 50);
    parts.push(table(["Organisation", "Value", "Numerator", "Denominator", "z", "Flag (adjusted)"],
      ranked.map(p => [link({page: "org", code: p.org_code}, p.org_code), num(p.value), num(p.numerator), num(p.denominator), num(p.z), p.flag_adjusted || ""])));
  }
  main.replaceChildren(...parts);
}

async function orgsPage(q) {
  const form = el("form", {role: "search"}, el("label", {for: "q"}, "Code or name "), el("input", {id: "q", name: "q", type: "search", value: q || ""}),
                  el("input", {type: "hidden", name: "page", value: "orgs"}), el("button", {type: "submit"}, "Find"));
  const parts = [el("h2", {}, "Organisations"), form];
  if (q && q.length >= 2) {
    const found = await api("/api/v1/orgs?q=" + encodeURIComponent(q));
    parts.push(found.length ? table(["Organisation", "Level"], found.map(o => [link({page: "org", code: o.code}, `${o.name || o.code} (${o.code})`), o.level]))
                            : el("p", {}, "No organisation matches."));
  }
  main.replaceChildren(...parts);
}

async function orgPage(code, measure) {
  const o = await api("/api/v1/orgs/" + encodeURIComponent(code));
  const name = `${o.org.name || o.org.code} (${o.org.code})`;
  const parts = [el("h2", {}, `${name}, ${o.org.level}`),
    el("p", {}, "In: ", ...o.parents.flatMap(p => [link({page: "org", code: p.code}, p.name || p.code), " "])),
    el("h3", {}, `Measures, ${o.from} to ${o.to}`),
    table(["Measure", "Value", "95% interval", "Rank (1 = highest)", "Flag (adjusted)", "Trend"],
          o.measures.map(s => [link({page: "measure", id: s.measure, level: o.org.level}, s.name), num(s.value),
                               s.lower95 === null || s.lower95 === undefined ? "" : `${num(s.lower95)}–${num(s.upper95)}`,
                               `${s.rank} of ${s.units}`, s.flag_adjusted || "",
                               link({page: "org", code, measure: s.measure}, "trend")]))];
  const shown = o.measures.find(s => s.measure === measure) || o.measures[0];
  if (shown) {
    const rows = await api(`/api/v1/measures/${encodeURIComponent(shown.measure)}/values?level=${encodeURIComponent(o.org.level)}&org=${encodeURIComponent(code)}`);
    parts.push(el("h3", {id: "trend"}, `${shown.name}: ${name} against the deciles`),
      chart(`/api/v1/charts/${encodeURIComponent(shown.measure)}/deciles.svg?level=${encodeURIComponent(o.org.level)}&org=${encodeURIComponent(code)}`,
            `${name}'s monthly value of ${shown.name} over the 10th to 90th percentiles of every ${o.org.level}; the table below gives the numbers.`),
      table(["Month", "Value", "Percentile", "95% interval"],
            rows.map(r => [r.month, num(r.value), r.percentile === null ? "" : num(r.percentile, 0), r.lower95 === null ? "" : `${num(r.lower95)}–${num(r.upper95)}`])));
  }
  parts.push(el("h3", {}, `${o.children.length} below it`),
    table(["Organisation", "Level"], o.children.slice(0, 200).map(c => [link({page: "org", code: c.code}, `${c.name || c.code} (${c.code})`), c.level])));
  main.replaceChildren(...parts);
}

// Biosimilar savings for a scenario: two sliders; each move refetches (the server reruns the
// analysis on rows it has already read) and the URL keeps the scenario.
async function biosimilarsPage(level, target, discount) {
  const t = el("input", {id: "target", type: "range", min: "0", max: "1", step: "0.05", value: String(target)});
  const d = el("input", {id: "discount", type: "range", min: "0", max: "0.5", step: "0.05", value: String(discount)});
  const out = el("div", {id: "scenario", "aria-live": "polite"});
  const shown = el("p", {});
  // Answers can arrive out of order when a slider moves fast: only the latest scenario's is shown.
  let latest = 0;
  async function update() {
    const query = {page: "biosimilars", level, target: t.value, discount: d.value};
    const asked = ++latest;
    history.replaceState(null, "", "/?" + new URLSearchParams(query).toString());
    shown.textContent = `Target uptake ${Math.round(t.value * 100)}%, discount ${Math.round(d.value * 100)}%`;
    const rows = await api(`/api/v1/biosimilars?level=${level}&target_uptake=${t.value}&discount=${d.value}`);
    if (asked !== latest) return;
    out.dataset.scenario = `target=${t.value}&discount=${d.value}`;
    rows.sort((a, b) => b.saving_scenario - a.saving_scenario);
    const total = rows.reduce((s, r) => s + Math.max(0, r.annualised_scenario), 0);
    out.replaceChildren(el("p", {}, `Annualised saving of the scenario: £${num(total, 0)}`),
      table(["Organisation", "Molecule", "Uptake", "Saving (scenario)", "Annualised", "Full switch"],
            rows.slice(0, 100).map(r => [link({page: "org", code: r.org_code}, `${r.org_name || r.org_code} (${r.org_code})`), r.molecule,
                                         r.uptake === null ? "" : `${num(r.uptake * 100, 1)}%`, num(r.saving_scenario, 0), num(r.annualised_scenario, 0), num(r.saving_full_switch, 0)])));
  }
  t.addEventListener("change", update);
  d.addEventListener("change", update);
  main.replaceChildren(el("h2", {}, "Biosimilar savings"), el("label", {for: "target"}, "Target uptake "), t,
                       el("label", {for: "discount"}, "Discount on the best-value price "), d, shown, out);
  await update();
}

async function steroidsPage() {
  const rows = await api("/api/v1/steroids/outliers");
  main.replaceChildren(el("h2", {}, "Steroid outliers (latest 12 months)"),
    table(["Measure", "Level", "Rank", "Organisation", "Value", "National", "Excess", "Flag (adjusted)", "Persistent"],
          rows.slice(0, 200).map(r => [r.measure, r.level, r.rank, link({page: "org", code: r.org_code}, `${r.org_name || r.org_code} (${r.org_code})`),
                                       num(r.value), num(r.national), num(r.excess, 0), r.flag_adjusted || "", r.persistent ? "yes" : ""])));
}

(async () => {
  try {
    const page = params.get("page") || "measures";
    if (page === "measure") await measurePage(params.get("id"), params.get("level") || "icb");
    else if (page === "orgs") await orgsPage(params.get("q"));
    else if (page === "org") await orgPage(params.get("code"), params.get("measure"));
    else if (page === "biosimilars") await biosimilarsPage(params.get("level") || "icb", params.get("target") || "0.9", params.get("discount") || "0");
    else if (page === "steroids") await steroidsPage();
    else await measuresPage();
  } catch (e) {
    main.replaceChildren(el("p", {role: "alert"}, "Could not load this page: " + e.message));
  }
})();
