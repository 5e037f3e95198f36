// The eventwire web UI: map, timeline, table, article view with evidence highlights, analyst review.
// Every value shown comes from reports written by strangers: the DOM is built with createElement and
// textContent only (no markup is ever parsed from data), and links are kept only when they are http(s).
import { geoMercator, geoNaturalEarth1, geoPath } from "d3-geo";
import { feature } from "topojson-client";

const SVG = "http://www.w3.org/2000/svg";
const TYPE_COLORS = {
  ASSAULT: "#c0392b", COERCE: "#8e44ad", PROTEST: "#2980b9", MOBILIZE: "#16a085", THREATEN: "#d35400",
  SANCTION: "#7f8c8d", RETREAT: "#27ae60", CONSULT: "#f39c12", AGREE: "#2ecc71", ACCUSE: "#e67e22",
  REJECT: "#95a5a6", REQUEST: "#1abc9c", AID: "#3498db", SUPPORT: "#9b59b6", CONCEDE: "#34495e",
  COOPERATE: "#f1c40f",
};
const KIND_ORDER = ["trigger", "count", "date", "actor", "target", "place", "source", "quote", "mention"];

const state = {
  config: null, world: null, events: [], cursor: null, selected: null, article: null, detail: null,
  mapEvents: null, mapCapped: false,
};

// The map shows every event the filters match, read in pages of the API's largest size, up to this many.
const MAP_CAP = 5000;

// ---------------------------------------------------------------------------------------------- helpers

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function status(text, error = false) {
  const node = document.getElementById("status");
  node.textContent = text;
  node.classList.toggle("error", error);
}

function safeUrl(value) {
  try {
    const url = new URL(String(value));
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

async function api(path, options = {}) {
  const response = await fetch(path, options);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail || response.status);
    throw new Error(`${response.status}: ${detail}`);
  }
  return body;
}

function filterParams() {
  const form = document.getElementById("filters");
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form).entries()) {
    if (key === "all_modalities" || key === "reviewed") params.set(key, "true");
    else if (String(value).trim()) params.set(key, String(value).trim());
  }
  return params;
}

function counts(row) {
  return ["killed", "injured", "arrested"].filter((k) => row[k] !== null && row[k] !== undefined)
    .map((k) => `${k} ${row[k]}`).join(", ");
}

// ---------------------------------------------------------------------------------------------- map

function drawMap() {
  const node = document.getElementById("map");
  node.replaceChildren();
  const width = node.clientWidth || 600;
  const height = node.clientHeight || 340;
  node.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const tiles = state.config && state.config.tile_url;
  const projection = (tiles ? geoMercator() : geoNaturalEarth1());
  const shown = state.mapEvents || state.events;
  const points = shown.filter((e) => typeof e.lat === "number" && typeof e.lon === "number");
  if (points.length) {
    // fit the events, with a margin of a few degrees so that one event alone still shows its country
    const corners = points.flatMap((e) => [[e.lon - 4, e.lat - 3], [e.lon + 4, e.lat + 3]]);
    projection.fitExtent([[20, 20], [width - 20, height - 20]], { type: "MultiPoint", coordinates: corners });
  } else {
    projection.fitSize([width, height], { type: "Sphere" });
  }
  const path = geoPath(projection);
  if (tiles) drawTiles(node, projection, width, height, tiles);
  else node.append(svg("path", { class: "sphere", d: path({ type: "Sphere" }) }));
  if (state.world) {
    const g = svg("g");
    for (const country of state.world.features) {
      const p = svg("path", { class: "country", d: path(country) || "" });
      const title = svg("title");
      title.textContent = (country.properties && country.properties.name) || "";
      p.append(title);
      g.append(p);
    }
    node.append(g);
  }
  const dots = svg("g");
  for (const event of points) {
    const [x, y] = projection([event.lon, event.lat]) || [NaN, NaN];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const dot = svg("circle", { cx: x, cy: y, r: event.id === state.selected ? 7 : 5, "data-id": event.id });
    dot.setAttribute("class", event.id === state.selected ? "dot selected" : "dot");
    const title = svg("title");
    title.textContent = [event.location_name, event.admin1, event.country].filter(Boolean).join(", ")
      + ` - ${event.type || ""} ${event.date_value || ""}`;
    dot.append(title);
    dot.addEventListener("click", () => openEvent(event.id));
    dots.append(dot);
  }
  node.append(dots);
  const capped = state.mapEvents && state.mapCapped ? ` (the first ${MAP_CAP} matching events)` : "";
  document.getElementById("map-note").textContent =
    `${points.length} of ${shown.length} events${capped} have coordinates. Country outlines only: `
    + "the bundled Natural Earth data has no first-order regions; admin1 names come from the events.";
}

function drawTiles(node, projection, width, height, template) {
  // Web Mercator raster tiles under the outlines (online use only), as d3-tile lays them out
  const k = projection.scale() * 2 * Math.PI;
  const z = Math.max(0, Math.min(19, Math.round(Math.log2(k / 256))));
  const size = k / 2 ** z;
  const [tx, ty] = projection.translate();
  const ox = tx - k / 2;
  const oy = ty - k / 2;
  const n = 2 ** z;
  const g = svg("g");
  for (let x = Math.floor(-ox / size); x * size + ox < width; x++) {
    for (let y = Math.max(0, Math.floor(-oy / size)); y * size + oy < height && y < n; y++) {
      const wrapped = ((x % n) + n) % n;
      const href = template.replace("{z}", z).replace("{x}", wrapped).replace("{y}", y).replace("{s}", "a");
      if (!safeUrl(href)) continue;
      g.append(svg("image", { href, x: x * size + ox, y: y * size + oy, width: size + 0.5, height: size + 0.5 }));
    }
  }
  node.append(g);
}

// ---------------------------------------------------------------------------------------------- timeline

function drawTimeline(stats) {
  const node = document.getElementById("timeline");
  node.replaceChildren();
  const width = node.clientWidth || 400;
  const height = node.clientHeight || 260;
  node.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const days = [...new Set(stats.by_day_type.map((r) => r.day))].sort();
  const types = [...new Set(stats.by_day_type.map((r) => r.type || "?"))].sort();
  const totals = {};
  for (const r of stats.by_day_type) totals[r.day] = (totals[r.day] || 0) + r.events;
  const max = Math.max(1, ...Object.values(totals));
  const left = 30;
  const bottom = 20;
  const band = days.length ? (width - left - 4) / days.length : 0;
  const scale = (height - bottom - 6) / max;
  const stacked = {};
  for (const r of [...stats.by_day_type].sort((a, b) => types.indexOf(a.type) - types.indexOf(b.type))) {
    const i = days.indexOf(r.day);
    const below = stacked[r.day] || 0;
    const h = r.events * scale;
    const rect = svg("rect", {
      class: "bar", x: left + i * band + 1, y: height - bottom - below - h, width: Math.max(1, band - 2), height: h,
      fill: TYPE_COLORS[r.type] || "#555", "data-day": r.day, "data-type": r.type || "",
    });
    const title = svg("title");
    title.textContent = `${r.day} ${r.type || "?"}: ${r.events}`;
    rect.append(title);
    rect.addEventListener("click", () => {
      const form = document.getElementById("filters");
      form.elements.since.value = r.day;
      form.elements.until.value = r.day;
      refresh();
    });
    node.append(rect);
    stacked[r.day] = below + h;
  }
  const label = (x, y, text, anchor = "start") => {
    const t = svg("text", { x, y, class: "axis", "text-anchor": anchor });
    t.textContent = text;
    node.append(t);
  };
  label(left - 4, 10, String(max), "end");
  label(left - 4, height - bottom, "0", "end");
  if (days.length) {
    label(left, height - 4, days[0]);
    if (days.length > 1) label(width - 4, height - 4, days[days.length - 1], "end");
  } else {
    label(left, height / 2, "no dated events");
  }
  const legend = document.getElementById("legend");
  legend.replaceChildren();
  for (const type of types) {
    const swatch = el("span", { class: "swatch" });
    swatch.style.background = TYPE_COLORS[type] || "#555"; // CSSOM, not a style attribute: allowed by the CSP
    legend.append(el("span", {}, swatch, type));
  }
}

function drawRegions(stats) {
  // the bundled outlines have no first-order regions: name them, with their counts, from the events themselves
  const list = document.getElementById("regions");
  list.replaceChildren();
  for (const r of stats.by_admin1.filter((x) => x.admin1).slice(0, 12)) {
    const item = el("li", { "data-admin1": r.admin1, text: `${r.admin1}${r.country ? `, ${r.country}` : ""}: ${r.events}` });
    item.addEventListener("click", () => {
      document.getElementById("filters").elements.admin1.value = r.admin1;
      refresh();
    });
    list.append(item);
  }
}

// ---------------------------------------------------------------------------------------------- table

function renderTable(append) {
  const tbody = document.querySelector("#events tbody");
  if (!append) tbody.replaceChildren();
  const start = append ? tbody.children.length : 0;
  for (const row of state.events.slice(start)) {
    const review = row.review;
    const badge = review ? el("span", { class: `badge ${review.status || ""}`, text: review.status || "corrected" })
      : null;
    const tr = el("tr", { "data-id": row.id },
      el("td", { text: row.date_value || "" }),
      el("td", { class: "c-type", text: row.mode ? `${row.type}/${row.mode}` : row.type || "" }),
      el("td", { text: row.acled_sub_event_type || "" }),
      el("td", { text: row.actor1 || "" }),
      el("td", { text: row.actor2 || "" }),
      el("td", { text: [row.location_name, row.admin1, row.country].filter(Boolean).join(", ") }),
      el("td", { text: counts(row) }),
      el("td", { text: row.attribution_source || "" }),
      el("td", {}, badge));
    tr.classList.toggle("selected", row.id === state.selected);
    tr.addEventListener("click", () => openEvent(row.id));
    tbody.append(tr);
  }
  document.getElementById("more").hidden = !state.cursor;
  document.getElementById("count").textContent = `${state.events.length} event(s) listed`;
}

async function loadEvents(append = false) {
  const params = filterParams();
  params.set("limit", "100");
  if (append && state.cursor) params.set("cursor", state.cursor);
  const page = await api(`/api/events?${params}`);
  state.events = append ? state.events.concat(page.events) : page.events;
  state.cursor = page.next_cursor;
  renderTable(append);
  drawMap();
}

async function loadMapEvents(params) {
  // every matching event, not only the table's page: pages of 500 (the API's limit), at most MAP_CAP events
  const all = [];
  let cursor = null;
  do {
    const query = new URLSearchParams(params);
    query.set("limit", "500");
    if (cursor) query.set("cursor", cursor);
    const page = await api(`/api/events?${query}`);
    all.push(...page.events);
    cursor = page.next_cursor;
  } while (cursor && all.length < MAP_CAP);
  state.mapEvents = all.slice(0, MAP_CAP);
  state.mapCapped = Boolean(cursor) || all.length > MAP_CAP;
  drawMap();
}

async function refresh() {
  status("loading ...");
  state.mapEvents = null;
  try {
    const params = filterParams();
    params.delete("reviewed");
    const [stats] = await Promise.all([api(`/api/stats?${params}`), loadEvents(false)]);
    drawTimeline(stats);
    drawRegions(stats);
    await loadMapEvents(filterParams());
    status(`${stats.totals.events} event(s) in ${stats.totals.articles} article(s); `
      + `${stats.totals.reviewed_events} reviewed`);
  } catch (e) {
    status(String(e.message || e), true);
  }
}

// ---------------------------------------------------------------------------------------------- article view

function renderArticle() {
  const data = state.article;
  if (!data) return;
  const text = data.article.text;
  const all = document.getElementById("all-spans").checked;
  const spans = data.spans.filter((s) => all || s.event_id === state.selected
    || (s.kind === "quote" && s.event_id === null && overlapsEvent(s)));
  const bounds = new Set([0, text.length]);
  for (const s of spans) { bounds.add(s.start); bounds.add(s.end); }
  const cuts = [...bounds].sort((a, b) => a - b);
  const box = document.getElementById("article-text");
  box.replaceChildren();
  const placeStarts = new Set(selectedPlaces().map((p) => p.start));
  for (let i = 0; i < cuts.length - 1; i++) {
    const a = cuts[i];
    const b = cuts[i + 1];
    const piece = text.slice(a, b);
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) { box.append(document.createTextNode(piece)); continue; }
    covering.sort((x, y) => KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind));
    const top = covering[0];
    const mark = el("mark", { class: `hl k-${top.kind}`, "data-kinds": covering.map((s) => s.kind).join(" "),
      "data-event": top.event_id || "" });
    mark.textContent = piece;
    mark.title = covering.map((s) => `${s.kind}${s.label ? `: ${s.label}` : ""}`).join("\n");
    if (top.kind === "place" && covering.some((s) => s.kind === "place" && placeStarts.has(s.start))) {
      mark.classList.add("selected-place");
    }
    box.append(mark);
    for (const s of covering) {
      if (s.end === b && s.kind !== "mention") box.append(el("span", { class: "label", text: s.kind }));
    }
  }
}

function overlapsEvent(span) {
  const event = state.article.events.find((e) => e.id === state.selected);
  const sentence = event && event.sentence;
  return Boolean(sentence && span.start < sentence.end && span.end > sentence.start);
}

function selectedPlaces() {
  const event = state.article && state.article.events.find((e) => e.id === state.selected);
  if (!event) return [];
  return [...(event.locations || []), event.location].filter((p) => p && typeof p.start === "number");
}

function renderSpanLegend(kinds) {
  const legend = document.getElementById("span-legend");
  legend.replaceChildren();
  for (const kind of kinds) legend.append(el("span", {}, el("span", { class: `swatch sw-${kind}` }), kind));
}

// ---------------------------------------------------------------------------------------------- event + review

function names(parties) {
  return (parties || []).map((p) => p && (p.name || p.text)).filter(Boolean);
}

function place(event) {
  const loc = event.location || (event.locations || [])[0];
  return loc ? [loc.name || loc.text, loc.admin1, loc.country].filter(Boolean).join(", ") : "";
}

function fieldValues(event) {
  const c = event.counts || {};
  const count = (k) => (c[k] && typeof c[k].value === "number" ? String(c[k].value) : "");
  return {
    type: event.type || "",
    acled_sub_event_type: (event.acled && event.acled.sub_event_type) || "",
    acled_event_type: (event.acled && event.acled.event_type) || "",
    actors: names(event.actors).join("; "),
    targets: names(event.targets).join("; "),
    location: place(event),
    date: (event.date && event.date.value) || "",
    killed: count("killed"),
    injured: count("injured"),
    arrested: count("arrested"),
    source: (event.attribution && event.attribution.source) || "",
    modality: event.modality || "",
  };
}

function renderEvent() {
  const d = state.detail;
  const machine = fieldValues(d.event);
  const reviewed = fieldValues(d.reviewed);
  const dl = document.getElementById("event-fields");
  dl.replaceChildren();
  const labels = {
    type: "type", acled_event_type: "ACLED type", acled_sub_event_type: "ACLED sub-type", actors: "actors",
    targets: "targets", location: "where", date: "date", killed: "killed", injured: "injured",
    arrested: "arrested", source: "source", modality: "modality",
  };
  for (const [key, label] of Object.entries(labels)) {
    const dd = el("dd", { "data-field": key, text: reviewed[key] });
    if (reviewed[key] !== machine[key]) dd.append(el("span", { class: "was", text: machine[key] || "(none)" }));
    dl.append(el("dt", { text: label }), dd);
  }
  const review = d.review;
  const verdict = el("dd", { "data-field": "review" });
  if (review) {
    verdict.append(el("span", { class: `badge ${review.status || ""}`, text: review.status || "corrected" }));
    if (review.note) verdict.append(" ", review.note);
  } else {
    verdict.textContent = "not reviewed";
  }
  dl.append(el("dt", { text: "review" }), verdict);
  const history = document.getElementById("review-history");
  history.replaceChildren();
  for (const r of d.reviews) {
    const fixes = Object.entries(r.corrections || {}).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join("; ");
    history.append(el("li", { text: `${r.created_at} ${r.status || ""} ${fixes} ${r.note ? `- ${r.note}` : ""}` }));
  }
  renderReviewForm(reviewed);
}

function renderReviewForm(current) {
  const box = document.getElementById("review-box");
  box.replaceChildren();
  if (!state.config.writable) {
    box.append(el("p", { class: "note", text: "Read-only server: start it with a token to review events." }));
    return;
  }
  const form = el("form", { id: "review-form" });
  const typeSelect = el("select", { name: "type" }, el("option", { value: "", text: "(keep)" }));
  for (const t of state.config.plover_types) typeSelect.append(el("option", { value: t, text: t }));
  const subSelect = el("select", { name: "acled_sub_event_type" }, el("option", { value: "", text: "(keep)" }));
  for (const [type, subs] of Object.entries(state.config.acled_types)) {
    const group = el("optgroup", { label: type });
    for (const sub of subs) group.append(el("option", { value: sub, text: sub }));
    subSelect.append(group);
  }
  const input = (name, attrs = {}) => el("input", { name, ...attrs });
  const fs = el("fieldset", {}, el("legend", { text: "Correct" }),
    el("label", {}, "type ", typeSelect),
    el("label", {}, "ACLED sub-type ", subSelect),
    el("label", {}, "actors (; between) ", input("actors", { placeholder: current.actors, size: 30 })),
    el("label", {}, "targets (; between) ", input("targets", { placeholder: current.targets, size: 30 })),
    el("label", {}, "place ", input("loc_name", { placeholder: "name", size: 14 }),
      input("loc_admin1", { placeholder: "admin1", size: 10 }), input("loc_country", { placeholder: "ISO2", size: 3 }),
      input("loc_lat", { placeholder: "lat", size: 6 }), input("loc_lon", { placeholder: "lon", size: 6 })),
    el("label", {}, "date ", input("date", { type: "date" })),
    el("label", {}, "killed ", input("killed", { type: "number", min: 0, placeholder: current.killed, size: 5 }),
      " injured ", input("injured", { type: "number", min: 0, placeholder: current.injured, size: 5 }),
      " arrested ", input("arrested", { type: "number", min: 0, placeholder: current.arrested, size: 5 })),
    el("label", {}, "note ", el("textarea", { name: "note", rows: 2, cols: 36, maxlength: 2000 })));
  const buttons = el("p", {},
    el("button", { type: "submit", name: "confirmed", value: "confirmed", text: "Confirm" }), " ",
    el("button", { type: "submit", name: "rejected", value: "rejected", text: "Reject" }), " ",
    el("button", { type: "submit", name: "save", value: "", text: "Save correction" }));
  form.append(fs, buttons);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    submitReview(form, e.submitter ? e.submitter.value : "");
  });
  box.append(form);
}

function reviewBody(form, status) {
  const v = (name) => String(form.elements[name].value || "").trim();
  const corrections = {};
  if (v("type")) corrections.type = v("type");
  if (v("acled_sub_event_type")) corrections.acled_sub_event_type = v("acled_sub_event_type");
  for (const key of ["actors", "targets"]) {
    if (v(key)) corrections[key] = v(key).split(";").map((s) => s.trim()).filter(Boolean);
  }
  if (v("loc_name")) {
    const num = (name) => (v(name) === "" ? null : Number(v(name)));
    corrections.location = { name: v("loc_name"), admin1: v("loc_admin1") || null,
      country: v("loc_country") || null, lat: num("loc_lat"), lon: num("loc_lon") };
  }
  if (v("date")) corrections.date = v("date");
  for (const key of ["killed", "injured", "arrested"]) if (v(key) !== "") corrections[key] = Number(v(key));
  return { status: status || null, corrections, note: v("note") || null };
}

async function submitReview(form, verdict) {
  const token = document.getElementById("token").value;
  sessionStorage.setItem("eventwire-token", token);
  try {
    await api(`/api/events/${encodeURIComponent(state.selected)}/reviews`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify(reviewBody(form, verdict)),
    });
    status("review stored");
    await openEvent(state.selected);
    await loadEvents(false);
  } catch (e) {
    status(`review not stored: ${e.message || e}`, true);
  }
}

async function openEvent(id) {
  try {
    state.selected = id;
    history.replaceState(null, "", `#event=${encodeURIComponent(id)}`);
    state.detail = await api(`/api/events/${encodeURIComponent(id)}`);
    const articleId = state.detail.article.id;
    if (!state.article || state.article.article.id !== articleId) {
      state.article = await api(`/api/articles/${encodeURIComponent(articleId)}`);
    }
    document.getElementById("detail").hidden = false;
    const a = state.article.article;
    document.getElementById("article-title").textContent = a.title || a.id;
    const meta = document.getElementById("article-meta");
    meta.replaceChildren(`${a.source || "unknown source"} · ${a.published || "no date"} `);
    const href = safeUrl(a.url);
    if (href) meta.append(el("a", { href, rel: "noopener noreferrer nofollow", target: "_blank", text: "original" }));
    else if (a.url) meta.append(el("span", { class: "note", text: `(link not shown: ${a.url})` }));
    renderSpanLegend(state.article.span_kinds);
    renderEvent();
    renderArticle();
    for (const tr of document.querySelectorAll("#events tbody tr")) {
      tr.classList.toggle("selected", tr.getAttribute("data-id") === id);
    }
    drawMap();
    document.getElementById("detail").scrollIntoView({ block: "nearest" });
  } catch (e) {
    status(String(e.message || e), true);
  }
}

// ---------------------------------------------------------------------------------------------- start

async function start() {
  state.config = await api("/api/config");
  const select = document.getElementById("f-type");
  for (const t of state.config.plover_types) select.append(el("option", { value: t, text: t }));
  if (state.config.writable) {
    document.getElementById("token-box").hidden = false;
    document.getElementById("token").value = sessionStorage.getItem("eventwire-token") || "";
  }
  const form = document.getElementById("filters");
  form.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  form.addEventListener("reset", () => setTimeout(refresh, 0));
  document.getElementById("more").addEventListener("click", () => loadEvents(true).catch((e) => status(e.message, true)));
  document.getElementById("all-spans").addEventListener("change", renderArticle);
  window.addEventListener("resize", () => drawMap());
  try {
    const topo = await api("/static/countries-50m.json");
    state.world = feature(topo, topo.objects.countries);
  } catch (e) {
    status(`map outlines not loaded: ${e.message}`, true);
  }
  await refresh();
  const match = /^#event=(.+)$/.exec(location.hash);
  if (match) await openEvent(decodeURIComponent(match[1]));
  document.body.setAttribute("data-ready", "true");
}

start().catch((e) => status(String(e.message || e), true));
