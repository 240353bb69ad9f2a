/* The self-assessment (/assessment/): plain JavaScript, no library, no network request.
 *
 * The page holds the checklist items as JSON (#handbook-assessment-data, written by
 * macros/render/assessment.py) and an empty #handbook-assessment element this script fills.
 * Answers stay in this browser (localStorage); they leave it only as a file the user exports
 * or as a share link the user copies. On every other page the script does nothing.
 *
 * Result rule: in each dimension the achieved level is the highest level L such that every
 * level 1..L has done / applicable >= threshold (applicable = items not marked not applicable;
 * a level with no applicable item counts as met).
 */
(function () {
  "use strict";

  var DATA_ID = "handbook-assessment-data";
  var ROOT_ID = "handbook-assessment";
  var STATUSES = ["not-started", "in-progress", "done", "na"];
  var STATUS_LABELS = {
    "not-started": "Not started",
    "in-progress": "In progress",
    "done": "Done",
    "na": "Not applicable"
  };
  var PRIORITY_RANK = { high: 0, medium: 1, low: 2 };
  var NEXT_ACTIONS_SHOWN = 5;
  var SVG_NS = "http://www.w3.org/2000/svg";
  var STATUS_OPTIONS = STATUSES.map(function (st) { return '<option value="' + st + '">' + STATUS_LABELS[st] + "</option>"; }).join("");

  // ---------------------------------------------------------------- small helpers

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function has(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }

  function h(tag, attrs) {
    var el = document.createElement(tag);
    setAttrs(el, attrs);
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }

  function s(tag, attrs) {
    var el = document.createElementNS(SVG_NS, tag);
    setAttrs(el, attrs);
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }

  function setAttrs(el, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "text") el.textContent = String(value);
      else if (key.slice(0, 2) === "on" && typeof value === "function") el.addEventListener(key.slice(2), value);
      else if (key === "hidden" || key === "disabled" || key === "checked" || key === "open" || key === "multiple") el[key] = true;
      else el.setAttribute(key, value === true ? "" : String(value));
    });
  }

  function append(el, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) child.forEach(function (c) { append(el, c); });
    else if (typeof child === "string" || typeof child === "number") el.appendChild(document.createTextNode(String(child)));
    else el.appendChild(child);
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
  }

  // Prose from the data may hold `code` spans: shown as <code>, everything else stays text.
  function prose(value) {
    var parts = String(value || "").split("`");
    if (parts.length % 2 === 0) return [String(value || "")];
    return parts.map(function (part, i) { return i % 2 ? h("code", null, part) : part; });
  }

  function slug(value) {
    return String(value || "")
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "handbook";
  }

  function esc(value) {
    return String(value === null || value === undefined ? "" : value)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  function proseHtml(value) {
    var parts = String(value || "").split("`");
    if (parts.length % 2 === 0) return esc(value);
    return parts.map(function (part, i) { return i % 2 ? "<code>" + esc(part) + "</code>" : esc(part); }).join("");
  }

  // Element ids from item ids: prefixed, and only characters that are safe everywhere.
  function domId(prefix, value) {
    return "ha-" + prefix + "-" + String(value).replace(/[^A-Za-z0-9_-]/g, "_");
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function percent(done, applicable) {
    return applicable ? Math.floor((done * 100) / applicable) : 100;
  }

  // ---------------------------------------------------------------- links to practices

  // item.url is normally the built page's URL relative to this page ("../levels/x/y/#anchor"),
  // used as it is. A Markdown source path ("levels/x/y.md#anchor", relative to this page's
  // source) is turned into the built URL too. Opened from file://, directory URLs get index.html.
  function pageLinkStyle() {
    var path = location.pathname;
    var file = location.protocol === "file:";
    if (/\/index\.html$/.test(path)) return { prefix: "../", directory: true, indexFile: true };
    if (/\/$/.test(path)) return { prefix: "../", directory: true, indexFile: file };
    if (/\.html$/.test(path)) return { prefix: "", directory: false, indexFile: false };
    return { prefix: "", directory: true, indexFile: false };
  }

  function practiceHref(url, style) {
    url = String(url || "");
    if (!url) return null;
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.charAt(0) === "/" || url.charAt(0) === "\\") {
      return /^https?:\/\//i.test(url) ? url : null;
    }
    var hashAt = url.indexOf("#");
    var path = hashAt < 0 ? url : url.slice(0, hashAt);
    var hash = hashAt < 0 ? "" : url.slice(hashAt);
    if (!/\.md$/.test(path)) {
      if (style.indexFile && /\/$/.test(path)) path += "index.html";
      return path + hash;
    }
    var stem = path.slice(0, -3);
    var isIndex = /(^|\/)(index|README)$/.test(stem);
    if (isIndex) stem = stem.replace(/(^|\/)(index|README)$/, "$1");
    if (!style.directory) path = stem + (isIndex ? "index.html" : ".html");
    else {
      path = stem === "" || /\/$/.test(stem) ? stem : stem + "/";
      if (style.indexFile) path += "index.html";
    }
    return style.prefix + path + hash;
  }

  // ---------------------------------------------------------------- the model

  function Model(data) {
    var self = this;
    this.data = data;
    this.schema = typeof data.schema === "number" ? data.schema : 1;
    this.threshold = typeof data.threshold === "number" ? data.threshold : 80;
    this.levels = (data.levels || []).slice().sort(function (a, b) { return a.number - b.number; });
    this.dimensions = data.dimensions || [];
    this.roles = data.roles || [];
    this.items = data.items || [];
    this.maxLevel = this.levels.length ? this.levels[this.levels.length - 1].number : 0;
    this.byId = {};
    this.cells = {}; // level id -> dimension id -> [items]
    this.levels.forEach(function (lv) {
      self.cells[lv.id] = {};
      self.dimensions.forEach(function (d) { self.cells[lv.id][d.id] = []; });
    });
    this.items.forEach(function (item) {
      self.byId[item.id] = item;
      if (self.cells[item.level] && self.cells[item.level][item.dimension]) self.cells[item.level][item.dimension].push(item);
    });
    this.roleNames = {};
    this.roles.forEach(function (r) { self.roleNames[r.id] = r.name; });
    this.levelsById = {};
    this.levels.forEach(function (lv) { self.levelsById[lv.id] = lv; });
    this.key = "handbook-assessment:" + slug(data.handbook) + ":" + (data.variant || "base") + ":v" + this.schema;
  }

  Model.prototype.status = function (answers, id) {
    var a = answers[id];
    return a && STATUSES.indexOf(a.status) >= 0 ? a.status : "not-started";
  };

  Model.prototype.cellCounts = function (answers, levelId, dimensionId) {
    var self = this;
    var counts = { total: 0, done: 0, applicable: 0, na: 0 };
    (this.cells[levelId] && this.cells[levelId][dimensionId] || []).forEach(function (item) {
      var st = self.status(answers, item.id);
      counts.total++;
      if (st === "na") { counts.na++; return; }
      counts.applicable++;
      if (st === "done") counts.done++;
    });
    // Integer arithmetic: exactly at the threshold counts as met, no rounding surprises.
    counts.met = counts.applicable === 0 || counts.done * 100 >= this.threshold * counts.applicable;
    return counts;
  };

  // {level (number, 0 = none), next (level object or null), done, applicable, progress (percent or null), perLevel}
  Model.prototype.dimensionResult = function (answers, dimensionId) {
    var self = this;
    var result = { dimension: dimensionId, level: 0, next: null, done: 0, applicable: 0, progress: null, perLevel: {} };
    this.levels.forEach(function (lv) {
      var counts = self.cellCounts(answers, lv.id, dimensionId);
      result.perLevel[lv.id] = counts;
      if (result.next) return;
      if (counts.met) result.level = lv.number;
      else {
        result.next = lv;
        result.done = counts.done;
        result.applicable = counts.applicable;
        result.progress = percent(counts.done, counts.applicable);
      }
    });
    return result;
  };

  Model.prototype.results = function (answers) {
    var self = this;
    return this.dimensions.map(function (d) { return self.dimensionResult(answers, d.id); });
  };

  Model.prototype.nextActions = function (answers, result) {
    var self = this;
    if (!result.next) return [];
    var items = this.cells[result.next.id][result.dimension].filter(function (item) {
      var st = self.status(answers, item.id);
      return st !== "done" && st !== "na";
    });
    return items
      .map(function (item, i) { return { item: item, i: i }; })
      .sort(function (a, b) {
        var pa = has(PRIORITY_RANK, a.item.priority) ? PRIORITY_RANK[a.item.priority] : 3;
        var pb = has(PRIORITY_RANK, b.item.priority) ? PRIORITY_RANK[b.item.priority] : 3;
        return pa - pb || a.i - b.i;
      })
      .map(function (x) { return x.item; });
  };

  Model.prototype.unknownIds = function (answers) {
    var self = this;
    return Object.keys(answers).filter(function (id) { return !has(self.byId, id); });
  };

  Model.prototype.levelName = function (number) {
    for (var i = 0; i < this.levels.length; i++) if (this.levels[i].number === number) return this.levels[i].name;
    return "";
  };

  // ---------------------------------------------------------------- answers: shape and checks

  // Known items keep only non-default answers; answers for unknown items are kept as they are.
  function normaliseAnswers(model, answers) {
    var out = {};
    Object.keys(answers).forEach(function (id) {
      var a = answers[id];
      var entry = { status: a.status, note: typeof a.note === "string" ? a.note : "" };
      if (has(model.byId, id) && entry.status === "not-started" && entry.note === "") return;
      out[id] = entry;
    });
    return out;
  }

  function entries(answers) {
    var out = {};
    Object.keys(answers).forEach(function (id) {
      var a = answers[id];
      out[id] = { status: a.status, note: typeof a.note === "string" ? a.note : "" };
    });
    return out;
  }

  // Checks a parsed answers file (export or stored value). Returns {answers, team, ...} or {error}.
  function checkRecord(model, obj) {
    if (!isObject(obj)) return { error: "it is not a JSON object with an \u201canswers\u201d field" };
    if (has(obj, "schema") && (typeof obj.schema !== "number" || obj.schema > model.schema || obj.schema < 1)) {
      return { error: "it uses answer format version " + JSON.stringify(obj.schema) + ", and this page reads version " + model.schema };
    }
    if (!has(obj, "answers")) return { error: "it has no \u201canswers\u201d object" };
    if (!isObject(obj.answers)) return { error: "its \u201canswers\u201d field is not an object of item id \u2192 {status, note}" };
    var bad = [];
    Object.keys(obj.answers).forEach(function (id) {
      var a = obj.answers[id];
      if (!isObject(a)) bad.push(id + " (not an object)");
      else if (STATUSES.indexOf(a.status) < 0) bad.push(id + " (status " + JSON.stringify(a.status === undefined ? null : a.status) + ")");
      else if (has(a, "note") && a.note !== null && typeof a.note !== "string") bad.push(id + " (note is not text)");
    });
    if (bad.length) {
      return {
        error: plural(bad.length, "answer is", "answers are") + " not valid: " + bad.slice(0, 5).join(", ") +
          (bad.length > 5 ? ", \u2026" : "") + ". A status must be one of " + STATUSES.join(", ")
      };
    }
    return {
      answers: normaliseAnswers(model, obj.answers),
      all: entries(obj.answers), // every answer of the file, "not started" ones included (they override when merging)
      team: typeof obj.team === "string" ? obj.team : "",
      handbook: typeof obj.handbook === "string" ? obj.handbook : "",
      variant: typeof obj.variant === "string" ? obj.variant : ""
    };
  }

  function parseRecord(model, text) {
    var obj;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      return { error: "it is not a JSON file" };
    }
    return checkRecord(model, obj);
  }

  // ---------------------------------------------------------------- share links

  function base64urlEncode(text) {
    var bytes = new TextEncoder().encode(text);
    var bin = "";
    for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function base64urlDecode(value) {
    var b64 = value.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) b64 += "=";
    var bin = atob(b64);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  }

  // Compact: {"schema":1,"answers":{"id":"done","id2":["in-progress","a note"]},"team":"..."}
  function encodeShare(model, answers, team) {
    var compact = {};
    Object.keys(answers).forEach(function (id) {
      var a = answers[id];
      if (a.status === "not-started" && !a.note) return;
      compact[id] = a.note ? [a.status, a.note] : a.status;
    });
    var payload = { schema: model.schema, answers: compact };
    if (team) payload.team = team;
    return base64urlEncode(JSON.stringify(payload));
  }

  function shareFragment() {
    var m = /^#share=([A-Za-z0-9_-]*)$/.exec(location.hash);
    return m ? m[1] : null;
  }

  function decodeShare(model, fragment) {
    var obj;
    try {
      obj = JSON.parse(base64urlDecode(fragment));
    } catch (e) {
      return { error: "the link is damaged (it could not be decoded)" };
    }
    if (!isObject(obj) || !isObject(obj.answers)) return { error: "the link holds no answers" };
    var answers = {};
    Object.keys(obj.answers).forEach(function (id) {
      var v = obj.answers[id];
      if (typeof v === "string") answers[id] = { status: v, note: "" };
      else if (Array.isArray(v)) answers[id] = { status: v[0], note: v[1] };
      else answers[id] = v;
    });
    return checkRecord(model, { schema: obj.schema, answers: answers, team: obj.team });
  }

  function urlWithoutHash() {
    return location.href.split("#")[0];
  }

  // ---------------------------------------------------------------- the app

  function App(root, model) {
    this.root = root;
    this.model = model;
    this.answers = {};
    this.team = "";
    this.readOnly = false;
    this.openMore = {};
    this.controls = {}; // item id -> {li, select, note}
    this.linkStyle = pageLinkStyle();
  }

  App.prototype.start = function () {
    var model = this.model;
    var fragment = shareFragment();
    var shared = null;
    var shareError = null;
    if (fragment !== null) {
      shared = decodeShare(model, fragment);
      if (shared.error) {
        shareError = "This share link cannot be shown: " + shared.error + ". Showing the answers saved in this browser instead.";
        shared = null;
      }
    }
    this.build();
    if (shared) {
      this.readOnly = true;
      this.answers = shared.answers;
      this.team = shared.team;
    } else {
      this.loadStored();
    }
    if (shareError) this.alert(shareError);
    this.sync();
  };

  // ---- storage

  App.prototype.loadStored = function () {
    var raw = null;
    this.answers = {};
    this.team = "";
    try {
      raw = window.localStorage.getItem(this.model.key);
    } catch (e) {
      this.alert("This browser does not allow the page to save answers: they will be lost when you leave. Export them to a file to keep them.");
      return;
    }
    if (raw === null) return;
    var rec = parseRecord(this.model, raw);
    if (rec.error) {
      try { window.localStorage.setItem(this.model.key + ":unreadable", raw); } catch (e) { /* nothing more to do */ }
      this.alert("The answers saved in this browser could not be read (" + rec.error + "). They were set aside; you start with empty answers.");
      return;
    }
    this.answers = rec.answers;
    this.team = rec.team;
  };

  App.prototype.record = function () {
    var model = this.model;
    var rec = {
      schema: model.schema,
      handbook: model.data.handbook,
      variant: model.data.variant || "",
      data_version: model.data.data_version,
      saved_at: new Date().toISOString(),
      answers: this.answers
    };
    if (this.team) rec.team = this.team;
    return rec;
  };

  App.prototype.save = function () {
    if (this.readOnly) return false;
    try {
      window.localStorage.setItem(this.model.key, JSON.stringify(this.record()));
      return true;
    } catch (e) {
      this.alert("Your answers could not be saved in this browser (" + (e && e.name ? e.name : "storage error") + "). Export them to a file to keep them.");
      return false;
    }
  };

  // ---- building the page

  App.prototype.build = function () {
    var root = this.root;
    clear(root);
    this.banner = h("div", { class: "ha-banner", hidden: true });
    this.alertBox = h("div", { class: "ha-alert", role: "alert" });
    this.statusBox = h("div", { class: "ha-message", role: "status" });
    append(root, [
      h("nav", { class: "ha-jump", "aria-label": "Self-assessment sections" },
        this.jumpLink("ha-result", "Result"), " \u00b7 ",
        this.jumpLink("ha-checklist", "Checklist"), " \u00b7 ",
        this.jumpLink("ha-tools", "Save, share and compare")),
      this.banner, this.alertBox, this.statusBox,
      this.buildResult(),
      this.buildChecklist(),
      this.buildTools()
    ]);
  };

  App.prototype.jumpLink = function (target, label) {
    // Scrolls without changing the URL fragment, which may hold a share link.
    return h("a", {
      href: "#" + target,
      onclick: function (ev) {
        var el = document.getElementById(target);
        if (!el) return;
        ev.preventDefault();
        el.scrollIntoView();
        var heading = el.querySelector("h2");
        if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus({ preventScroll: true }); }
      }
    }, label);
  };

  App.prototype.buildResult = function () {
    var model = this.model;
    this.reportMeta = h("p", { class: "ha-report-meta" });
    this.chartBox = h("div", { class: "ha-chart" });
    this.tableBody = h("tbody");
    this.nextBox = h("div", { class: "ha-next" });
    return h("section", { id: "ha-result", class: "ha-result", "aria-labelledby": "ha-result-heading" },
      h("h2", { id: "ha-result-heading" }, "Result"),
      this.reportMeta,
      h("div", { class: "ha-profile" },
        this.chartBox,
        h("table", { class: "ha-table", id: "ha-result-table" },
          h("caption", null, "Achieved level per dimension. A level counts as reached when at least " + model.threshold +
            "% of its applicable items are done, and so are all levels below it."),
          h("thead", null, h("tr", null,
            h("th", { scope: "col" }, "Dimension"),
            h("th", { scope: "col" }, "Achieved level"),
            h("th", { scope: "col" }, "Progress to next level"))),
          this.tableBody)),
      h("h3", { id: "ha-next-heading" }, "Next actions"),
      h("p", { class: "ha-hint" }, "For each dimension: the items of its lowest level not yet reached that are not done, high priority first."),
      this.nextBox);
  };

  App.prototype.buildChecklist = function () {
    var self = this;
    var model = this.model;
    var roleSelect = h("select", { id: "ha-filter-role" }, h("option", { value: "" }, "All roles"),
      model.roles.map(function (r) { return h("option", { value: r.id }, r.name); }));
    var levelSelect = h("select", { id: "ha-filter-level" }, h("option", { value: "" }, "All levels"),
      model.levels.map(function (lv) { return h("option", { value: lv.id }, "Level " + lv.number + ": " + lv.name); }));
    this.filterRole = roleSelect;
    this.filterLevel = levelSelect;
    this.filterCount = h("p", { class: "ha-filter-count", "aria-live": "polite" });
    roleSelect.addEventListener("change", function () { self.applyFilters(); });
    levelSelect.addEventListener("change", function () { self.applyFilters(true); });

    this.levelBlocks = [];
    var list = h("div", { class: "ha-levels" });
    model.levels.forEach(function (lv) {
      var levelSummary = h("span", { class: "ha-summary-count" });
      var levelDetails = h("details", { class: "ha-level", "data-level": lv.id },
        h("summary", null, h("h3", null, "Level " + lv.number + ": " + lv.name), " ", levelSummary));
      var block = { level: lv, details: levelDetails, count: levelSummary, dims: [] };
      model.dimensions.forEach(function (d) {
        var items = model.cells[lv.id][d.id];
        if (!items.length) return;
        var dimCount = h("span", { class: "ha-summary-count" });
        var dimDetails = h("details", { class: "ha-dimension", "data-level": lv.id, "data-dimension": d.id },
          h("summary", null, h("h4", null, d.name), " ", dimCount));
        var dimBlock = { dimension: d, details: dimDetails, count: dimCount, areas: [] };
        var areaOrder = (d.areas || []).map(function (a) { return a; });
        var known = {};
        areaOrder.forEach(function (a) { known[a.id] = true; });
        items.forEach(function (item) {
          if (!known[item.area]) { known[item.area] = true; areaOrder.push({ id: item.area, name: item.area || "Other" }); }
        });
        areaOrder.forEach(function (area) {
          var areaItems = items.filter(function (item) { return item.area === area.id; });
          if (!areaItems.length) return;
          var ul = h("ul", { class: "ha-items" });
          ul.innerHTML = areaItems.map(function (item) { return self.itemHtml(item); }).join("");
          Array.prototype.forEach.call(ul.children, function (li, k) {
            self.controls[areaItems[k].id] = { li: li, select: li.querySelector("select"), note: li.querySelector("input") };
          });
          var section = h("div", { class: "ha-area", "data-area": area.id }, h("h5", null, area.name), ul);
          dimBlock.areas.push({ el: section, items: areaItems });
          dimDetails.appendChild(section);
        });
        block.dims.push(dimBlock);
        levelDetails.appendChild(dimDetails);
      });
      self.levelBlocks.push(block);
      list.appendChild(levelDetails);
    });

    list.addEventListener("change", function (ev) {
      var t = ev.target;
      if (t && t.classList && t.classList.contains("ha-status-select")) self.setAnswer(t.getAttribute("data-item"), { status: t.value });
    });
    list.addEventListener("input", function (ev) {
      var t = ev.target;
      if (t && t.classList && t.classList.contains("ha-note-input")) self.setAnswer(t.getAttribute("data-item"), { note: t.value });
    });

    return h("section", { id: "ha-checklist", class: "ha-checklist", "aria-labelledby": "ha-checklist-heading" },
      h("h2", { id: "ha-checklist-heading" }, "Checklist"),
      h("div", { class: "ha-filters" },
        h("div", { class: "ha-field" }, h("label", { for: "ha-filter-role" }, "Role"), roleSelect),
        h("div", { class: "ha-field" }, h("label", { for: "ha-filter-level" }, "Level"), levelSelect),
        this.filterCount),
      list);
  };

  // ~600 items with their controls: written as one escaped HTML string per area and parsed once,
  // which is several times faster than creating the nodes one by one. Every value is escaped.
  App.prototype.itemHtml = function (item) {
    var model = this.model;
    var id = esc(item.id);
    var statusId = domId("status", item.id);
    var noteId = domId("note", item.id);
    var href = practiceHref(item.url, this.linkStyle);
    var title = esc(item.practice_title || item.practice);
    var roles = (item.roles || []).map(function (r) { return model.roleNames[r] || r; }).join(", ");
    var priority = String(item.priority || "");
    return '<li class="ha-item" id="' + domId("item", item.id) + '" data-item="' + id + '" data-status="not-started">' +
      '<div class="ha-item-head"><code class="ha-id">' + id + "</code> " +
      (priority ? '<span class="ha-prio ha-prio-' + slug(priority) + '">' + esc(priority) + " priority</span>" : "") + "</div>" +
      '<p class="ha-text">' + proseHtml(item.text) + "</p>" +
      (item.done_looks_like ? '<p class="ha-done"><strong>Done looks like: </strong>' + proseHtml(item.done_looks_like) + "</p>" : "") +
      '<p class="ha-meta">Practice: ' + (href ? '<a href="' + esc(href) + '">' + title + "</a>" : "<span>" + title + "</span>") +
      (roles ? " \u00b7 Roles: " + esc(roles) : "") + "</p>" +
      '<div class="ha-controls"><div class="ha-field">' +
      '<label for="' + statusId + '">Status<span class="ha-sr"> of ' + id + "</span></label>" +
      '<select id="' + statusId + '" class="ha-status-select" data-item="' + id + '">' + STATUS_OPTIONS + "</select></div>" +
      '<div class="ha-field ha-field-note"><label for="' + noteId + '">Note<span class="ha-sr"> on ' + id + "</span></label>" +
      '<input type="text" id="' + noteId + '" class="ha-note-input" data-item="' + id + '" autocomplete="off"></div>' +
      "</div></li>";
  };

  App.prototype.buildTools = function () {
    var self = this;
    this.teamInput = h("input", { type: "text", id: "ha-team", autocomplete: "organization" });
    this.teamInput.addEventListener("input", function () {
      self.team = self.teamInput.value;
      self.save();
      self.renderMeta();
    });
    this.importFile = h("input", { type: "file", id: "ha-import-file", accept: ".json,application/json" });
    this.importReplace = h("input", { type: "radio", name: "ha-import-mode", id: "ha-import-replace", value: "replace", checked: true });
    this.importMerge = h("input", { type: "radio", name: "ha-import-mode", id: "ha-import-merge", value: "merge" });
    this.importButton = h("button", { type: "button", class: "md-button", id: "ha-import-button", onclick: function () { self.importSelected(); } }, "Import");
    this.resetButton = h("button", { type: "button", class: "md-button", id: "ha-reset", onclick: function () { self.reset(); } }, "Reset all answers");
    this.shareOutput = h("input", { type: "text", id: "ha-share-url", readonly: true, placeholder: "Press \u201cCopy share link\u201d" });
    this.orphans = h("p", { class: "ha-orphans", hidden: true });
    this.compareFiles = h("input", { type: "file", id: "ha-compare-files", multiple: true, accept: ".json,application/json" });
    this.compareFiles.addEventListener("change", function () { self.compare(); });
    this.compareBox = h("div", { class: "ha-compare-result" });
    this.compareAlert = h("div", { class: "ha-alert", role: "alert" });

    return h("section", { id: "ha-tools", class: "ha-tools", "aria-labelledby": "ha-tools-heading" },
      h("h2", { id: "ha-tools-heading" }, "Save, share and compare"),
      h("p", { class: "ha-hint" }, "Answers are saved in this browser as you go. Nothing is sent anywhere."),
      h("div", { class: "ha-field" }, h("label", { for: "ha-team" }, "Team name"), this.teamInput),
      h("div", { class: "ha-buttons" },
        h("button", { type: "button", class: "md-button md-button--primary", id: "ha-export", onclick: function () { self.exportFile(); } }, "Export answers"),
        h("button", { type: "button", class: "md-button", id: "ha-print", onclick: function () { window.print(); } }, "Print report"),
        h("button", { type: "button", class: "md-button", id: "ha-share", onclick: function () { self.share(); } }, "Copy share link"),
        this.resetButton),
      h("div", { class: "ha-field ha-field-wide" }, h("label", { for: "ha-share-url" }, "Share link"), this.shareOutput),
      h("fieldset", { class: "ha-import" },
        h("legend", null, "Import answers from a file"),
        h("div", { class: "ha-field" }, h("label", { for: "ha-import-file" }, "Exported answers file"), this.importFile),
        h("div", { class: "ha-radios" },
          h("span", { class: "ha-radio" }, this.importReplace, h("label", { for: "ha-import-replace" }, "Replace my answers")),
          h("span", { class: "ha-radio" }, this.importMerge, h("label", { for: "ha-import-merge" }, "Merge: the file\u2019s answers win, others are kept"))),
        this.importButton),
      this.orphans,
      h("h3", { id: "ha-compare-heading" }, "Compare teams"),
      h("p", { class: "ha-hint" }, "Choose several exported files to see each team\u2019s achieved level per dimension side by side. The files are read in this browser only."),
      h("div", { class: "ha-field" }, h("label", { for: "ha-compare-files" }, "Team answer files"), this.compareFiles),
      this.compareAlert,
      this.compareBox);
  };

  // ---- state changes

  App.prototype.setAnswer = function (id, change) {
    if (this.readOnly || !has(this.model.byId, id)) return;
    var current = this.answers[id] || { status: "not-started", note: "" };
    var next = { status: has(change, "status") ? change.status : current.status, note: has(change, "note") ? change.note : current.note || "" };
    if (STATUSES.indexOf(next.status) < 0) next.status = "not-started";
    if (next.status === "not-started" && next.note === "") delete this.answers[id];
    else this.answers[id] = next;
    this.save();
    var c = this.controls[id];
    if (c) c.li.setAttribute("data-status", next.status);
    if (has(change, "status")) this.render();
  };

  App.prototype.message = function (text) {
    clear(this.alertBox);
    this.statusBox.textContent = text;
  };

  App.prototype.alert = function (text) {
    this.statusBox.textContent = "";
    clear(this.alertBox);
    if (text) this.alertBox.appendChild(h("p", null, text));
  };

  App.prototype.importSelected = function () {
    var self = this;
    if (this.readOnly) return;
    var file = this.importFile.files && this.importFile.files[0];
    if (!file) { this.alert("Choose an exported answers file first."); return; }
    var mode = this.importMerge.checked ? "merge" : "replace";
    file.text().then(function (text) {
      var rec = parseRecord(self.model, text);
      if (rec.error) {
        self.alert("\u201c" + file.name + "\u201d was not imported: " + rec.error + ". Nothing was changed.");
        return;
      }
      // Merge: every answer in the file wins for its item (an explicit "not started" too); others are kept.
      self.answers = mode === "merge" ? normaliseAnswers(self.model, Object.assign({}, self.answers, rec.all)) : rec.answers;
      if (rec.team && (mode === "replace" || !self.team)) self.team = rec.team;
      self.save();
      self.sync();
      self.importFile.value = "";
      var count = Object.keys(rec.all).length;
      var text2 = (mode === "merge" ? "Merged " : "Imported ") + plural(count, "answer", "answers") + " from \u201c" + file.name + "\u201d" +
        (rec.team ? " (team " + rec.team + ")" : "") + ".";
      if (rec.handbook && rec.handbook !== self.model.data.handbook) text2 += " The file was exported from \u201c" + rec.handbook + "\u201d.";
      var unknown = self.model.unknownIds(rec.answers);
      if (unknown.length) text2 += " " + orphanText(unknown) + " They are kept in this browser and in exports.";
      self.message(text2);
    }, function () {
      self.alert("\u201c" + file.name + "\u201d could not be read. Nothing was changed.");
    });
  };

  App.prototype.exportFile = function () {
    var rec = this.record();
    var blob = new Blob([JSON.stringify(rec, null, 2) + "\n"], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var date = rec.saved_at.slice(0, 10);
    var a = h("a", { href: url, download: "assessment-" + slug(this.model.data.handbook) + (this.team ? "-" + slug(this.team) : "") + "-" + date + ".json", hidden: true });
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    this.message("Exported " + plural(Object.keys(rec.answers).length, "answer", "answers") + " to a file.");
  };

  App.prototype.reset = function () {
    if (this.readOnly) return;
    if (!window.confirm("Clear every answer and note saved in this browser for this self-assessment? This cannot be undone: export them first to keep a copy.")) return;
    try { window.localStorage.removeItem(this.model.key); } catch (e) { /* nothing stored */ }
    this.answers = {};
    this.team = "";
    this.sync();
    this.message("All answers were cleared.");
  };

  App.prototype.share = function () {
    var self = this;
    var link = urlWithoutHash() + "#share=" + encodeShare(this.model, this.answers, this.team);
    this.shareOutput.value = link;
    var done = function () { self.message("Share link copied. Anyone who opens it sees this result, read-only."); };
    var manual = function () {
      self.shareOutput.focus();
      self.shareOutput.select();
      self.message("Copy the share link from the \u201cShare link\u201d field.");
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(link).then(done, manual);
    else manual();
  };

  App.prototype.adopt = function () {
    if (!this.readOnly) return;
    if (!window.confirm("Replace the answers saved in this browser with the shared answers?")) return;
    this.readOnly = false;
    if (!this.save()) { this.readOnly = true; return; }
    history.replaceState(null, "", urlWithoutHash());
    this.sync();
    this.message("The shared answers are now saved in this browser. You can edit them.");
  };

  App.prototype.leaveShared = function () {
    history.replaceState(null, "", urlWithoutHash());
    this.readOnly = false;
    clear(this.alertBox);
    this.loadStored();
    this.sync();
    this.message("Showing the answers saved in this browser.");
  };

  App.prototype.compare = function () {
    var self = this;
    var model = this.model;
    var files = Array.prototype.slice.call(this.compareFiles.files || []);
    clear(this.compareBox);
    clear(this.compareAlert);
    if (!files.length) return;
    Promise.all(files.map(function (f) {
      return f.text().then(function (text) { return { file: f, rec: parseRecord(model, text) }; },
        function () { return { file: f, rec: { error: "it could not be read" } }; });
    })).then(function (loaded) {
      var problems = loaded.filter(function (x) { return x.rec.error; });
      var teams = loaded.filter(function (x) { return !x.rec.error; });
      if (problems.length) {
        self.compareAlert.appendChild(h("p", null, "Left out: " + problems.map(function (x) {
          return "\u201c" + x.file.name + "\u201d (" + x.rec.error + ")";
        }).join("; ") + "."));
      }
      if (!teams.length) return;
      var maxLevel = model.maxLevel;
      var table = h("table", { class: "ha-table ha-heatmap", id: "ha-compare-table" },
        h("caption", null, "Achieved level per team and dimension (0 to " + maxLevel + "). Darker cells are higher levels."),
        h("thead", null, h("tr", null, h("th", { scope: "col" }, "Team"),
          model.dimensions.map(function (d) { return h("th", { scope: "col", "data-dimension": d.id }, d.name); }))),
        h("tbody", null, teams.map(function (x) {
          var name = x.rec.team || x.file.name.replace(/\.json$/i, "");
          var results = model.results(x.rec.answers);
          return h("tr", { "data-team": name },
            h("th", { scope: "row" }, name),
            results.map(function (r) {
              var shade = maxLevel ? Math.round((r.level / maxLevel) * 5) : 0;
              return h("td", {
                class: "ha-heat ha-heat-" + shade,
                "data-dimension": r.dimension,
                "data-level": r.level,
                title: name + ", " + dimensionName(model, r.dimension) + ": level " + r.level
              }, String(r.level));
            }));
        })));
      self.compareBox.appendChild(table);
    });
  };

  // ---- rendering state into the page

  App.prototype.sync = function () {
    var self = this;
    var ro = this.readOnly;
    this.model.items.forEach(function (item) {
      var c = self.controls[item.id];
      if (!c) return;
      var a = self.answers[item.id];
      var st = self.model.status(self.answers, item.id);
      c.select.value = st;
      c.note.value = a && a.note ? a.note : "";
      c.select.disabled = ro;
      c.note.disabled = ro;
      c.li.setAttribute("data-status", st);
    });
    this.teamInput.value = this.team;
    this.teamInput.disabled = ro;
    this.importFile.disabled = ro;
    this.importReplace.disabled = ro;
    this.importMerge.disabled = ro;
    this.importButton.disabled = ro;
    this.resetButton.disabled = ro;
    this.root.classList.toggle("ha-read-only", ro);
    this.renderBanner();
    this.render();
  };

  App.prototype.renderBanner = function () {
    var self = this;
    clear(this.banner);
    this.banner.hidden = !this.readOnly;
    if (!this.readOnly) return;
    append(this.banner, [
      h("p", null, h("strong", null, "You are viewing a shared result"), this.team ? " (team " + this.team + ")" : "",
        ". It is read-only and is not saved in this browser."),
      h("div", { class: "ha-buttons" },
        h("button", { type: "button", class: "md-button md-button--primary", id: "ha-adopt", onclick: function () { self.adopt(); } }, "Adopt these answers"),
        h("button", { type: "button", class: "md-button", id: "ha-leave-shared", onclick: function () { self.leaveShared(); } }, "Back to my answers"))
    ]);
  };

  App.prototype.renderMeta = function () {
    var parts = [];
    if (this.team) parts.push("Team: " + this.team);
    parts.push(this.readOnly ? "Shared result" : "Answers saved in this browser");
    parts.push("Report date: " + new Date().toISOString().slice(0, 10));
    parts.push("Data version: " + this.model.data.data_version);
    this.reportMeta.textContent = parts.join(" \u00b7 ");
  };

  App.prototype.render = function () {
    var model = this.model;
    var answers = this.answers;
    var results = model.results(answers);
    this.renderMeta();
    this.renderChart(results);
    this.renderTable(results);
    this.renderNext(results);
    this.renderCounts();
    var unknown = model.unknownIds(answers);
    this.orphans.hidden = !unknown.length;
    this.orphans.textContent = unknown.length ? orphanText(unknown) + " They are kept in this browser and in exports." : "";
    this.applyFilters();
  };

  App.prototype.renderTable = function (results) {
    var model = this.model;
    clear(this.tableBody);
    results.forEach(function (r) {
      var levelText = r.level ? r.level + " " + model.levelName(r.level) : "0 (none yet)";
      var progressText = r.next
        ? r.progress + "% toward level " + r.next.number + " " + r.next.name + " (" + r.done + " of " + plural(r.applicable, "applicable item", "applicable items") + " done)"
        : "All levels reached";
      this.tableBody.appendChild(h("tr", {
        "data-dimension": r.dimension, "data-level": r.level,
        "data-progress": r.next ? r.progress : "", "data-done": r.done, "data-applicable": r.applicable
      },
        h("th", { scope: "row" }, dimensionName(model, r.dimension)),
        h("td", { class: "ha-level-cell" }, levelText),
        h("td", { class: "ha-progress-cell" },
          r.next ? h("span", { class: "ha-bar", "aria-hidden": "true" }, h("span", { style: "width:" + r.progress + "%" })) : null,
          progressText)));
    }, this);
  };

  App.prototype.renderChart = function (results) {
    var model = this.model;
    var n = results.length;
    var max = model.maxLevel || 1;
    var cx = 220, cy = 170, R = 120;
    function point(i, value) {
      var angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(n, 1);
      var r = (value / max) * R;
      return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
    }
    function pts(values) {
      return values.map(function (v, i) { var p = point(i, v); return p[0].toFixed(1) + "," + p[1].toFixed(1); }).join(" ");
    }
    var desc = "Achieved level per dimension on a scale of 0 to " + max + ": " + results.map(function (r) {
      return dimensionName(model, r.dimension) + " " + r.level;
    }).join(", ") + ".";
    var svgEl = s("svg", {
      class: "ha-radar", id: "ha-radar", viewBox: "0 0 440 340", role: "img",
      "aria-labelledby": "ha-radar-title ha-radar-desc", width: "440", height: "340"
    },
      s("title", { id: "ha-radar-title" }, "Maturity profile"),
      s("desc", { id: "ha-radar-desc" }, desc));
    for (var ring = 1; ring <= max; ring++) {
      var ringValues = results.map(function () { return ring; });
      svgEl.appendChild(s("polygon", { class: "ha-radar-ring", points: pts(ringValues) }));
      var rp = point(0, ring);
      svgEl.appendChild(s("text", { class: "ha-radar-tick", x: (rp[0] + 4).toFixed(1), y: (rp[1] + 4).toFixed(1) }, String(ring)));
    }
    results.forEach(function (r, i) {
      var end = point(i, max);
      svgEl.appendChild(s("line", { class: "ha-radar-axis", x1: cx, y1: cy, x2: end[0].toFixed(1), y2: end[1].toFixed(1) }));
    });
    svgEl.appendChild(s("polygon", { class: "ha-radar-area", points: pts(results.map(function (r) { return r.level; })) }));
    results.forEach(function (r, i) {
      var p = point(i, r.level);
      svgEl.appendChild(s("circle", { class: "ha-radar-dot", cx: p[0].toFixed(1), cy: p[1].toFixed(1), r: 4 }));
      var lp = point(i, max * 1.13);
      var anchor = Math.abs(lp[0] - cx) < 10 ? "middle" : lp[0] > cx ? "start" : "end";
      var words = (dimensionName(model, r.dimension) + " (" + r.level + ")").split(" ");
      var lines = [];
      words.forEach(function (w) {
        var last = lines[lines.length - 1];
        if (last && (last + " " + w).length <= 14) lines[lines.length - 1] = last + " " + w;
        else lines.push(w);
      });
      var y0 = lp[1] - (lines.length - 1) * 7 + 4;
      svgEl.appendChild(s("text", { class: "ha-radar-label", x: lp[0].toFixed(1), y: y0.toFixed(1), "text-anchor": anchor },
        lines.map(function (line, k) {
          return s("tspan", { x: lp[0].toFixed(1), dy: k ? "14" : "0" }, line);
        })));
    });
    clear(this.chartBox);
    this.chartBox.appendChild(svgEl);
  };

  App.prototype.renderNext = function (results) {
    var self = this;
    var model = this.model;
    clear(this.nextBox);
    results.forEach(function (r) {
      var name = dimensionName(model, r.dimension);
      var box = h("div", { class: "ha-next-dimension", "data-dimension": r.dimension });
      if (!r.next) {
        append(box, [h("h4", null, name), h("p", null, "All levels reached.")]);
        self.nextBox.appendChild(box);
        return;
      }
      var actions = model.nextActions(self.answers, r);
      append(box, [
        h("h4", null, name + ": toward level " + r.next.number + " " + r.next.name),
        h("p", { class: "ha-hint" }, r.done + " of " + plural(r.applicable, "applicable item", "applicable items") + " done (" + r.progress +
          "%); " + model.threshold + "% needed.")
      ]);
      // The first few stay in view (and on paper); a short tail is not worth a "show more".
      var cut = actions.length <= NEXT_ACTIONS_SHOWN + 2 ? actions.length : NEXT_ACTIONS_SHOWN;
      var shown = actions.slice(0, cut);
      var rest = actions.slice(cut);
      box.appendChild(h("ol", { class: "ha-next-list" }, shown.map(function (item) { return self.nextItem(item); })));
      if (rest.length) {
        var more = h("details", { class: "ha-more", open: !!self.openMore[r.dimension] },
          h("summary", null, "Show " + rest.length + " more"),
          h("ol", { class: "ha-next-list", start: cut + 1 }, rest.map(function (item) { return self.nextItem(item); })));
        more.addEventListener("toggle", function () { self.openMore[r.dimension] = more.open; });
        box.appendChild(more);
        box.appendChild(h("p", { class: "ha-print-only" }, "\u2026 and " + rest.length + " more in the online self-assessment."));
      }
      self.nextBox.appendChild(box);
    });
  };

  App.prototype.nextItem = function (item) {
    var href = practiceHref(item.url, this.linkStyle);
    var st = this.model.status(this.answers, item.id);
    var priority = String(item.priority || "");
    return h("li", { "data-item": item.id },
      priority ? h("span", { class: "ha-prio ha-prio-" + slug(priority) }, priority) : null, " ",
      h("span", { class: "ha-next-text" }, prose(item.text)), " ",
      h("code", { class: "ha-id" }, item.id), " ",
      st === "in-progress" ? h("em", null, "(in progress) ") : null,
      href ? h("a", { href: href, class: "ha-practice-link" }, "Practice: " + (item.practice_title || item.practice)) : null);
  };

  App.prototype.renderCounts = function () {
    var model = this.model;
    var answers = this.answers;
    this.levelBlocks.forEach(function (block) {
      var done = 0, applicable = 0;
      block.dims.forEach(function (dimBlock) {
        var c = model.cellCounts(answers, block.level.id, dimBlock.dimension.id);
        done += c.done;
        applicable += c.applicable;
        dimBlock.count.textContent = c.done + " of " + c.applicable + " applicable done" + (c.na ? ", " + c.na + " not applicable" : "") +
          " \u00b7 " + (c.met ? "reached" : "not reached");
        dimBlock.count.setAttribute("data-met", c.met ? "true" : "false");
      });
      block.count.textContent = done + " of " + applicable + " applicable items done";
    });
  };

  App.prototype.applyFilters = function (openLevel) {
    var model = this.model;
    var controls = this.controls;
    var role = this.filterRole.value;
    var level = this.filterLevel.value;
    var shown = 0;
    this.levelBlocks.forEach(function (block) {
      var levelVisible = false;
      block.dims.forEach(function (dimBlock) {
        var dimVisible = false;
        dimBlock.areas.forEach(function (area) {
          var areaVisible = false;
          area.items.forEach(function (item) {
            var visible = (!role || (item.roles || []).indexOf(role) >= 0) && (!level || item.level === level);
            controls[item.id].li.hidden = !visible;
            if (visible) { areaVisible = true; shown++; }
          });
          area.el.hidden = !areaVisible;
          dimVisible = dimVisible || areaVisible;
        });
        dimBlock.details.hidden = !dimVisible;
        levelVisible = levelVisible || dimVisible;
      });
      block.details.hidden = !levelVisible;
      if (openLevel === true && level && block.level.id === level) block.details.open = true;
    });
    var text = role || level ? "Showing " + shown + " of " + model.items.length + " items." : "Showing all " + model.items.length + " items.";
    if (this.filterCount.textContent !== text) this.filterCount.textContent = text;
  };

  function dimensionName(model, id) {
    for (var i = 0; i < model.dimensions.length; i++) if (model.dimensions[i].id === id) return model.dimensions[i].name;
    return id;
  }

  function orphanText(ids) {
    var shown = ids.slice(0, 20).join(", ") + (ids.length > 20 ? ", \u2026" : "");
    return ids.length === 1
      ? "1 answer is for an item no longer in this handbook: " + shown + "."
      : ids.length + " answers are for items no longer in this handbook: " + shown + ".";
  }

  // ---------------------------------------------------------------- start-up

  function init() {
    var dataEl = document.getElementById(DATA_ID);
    var root = document.getElementById(ROOT_ID);
    if (!dataEl || !root) return;
    if (root.getAttribute("data-ha-ready") === "1") return;
    var data;
    try {
      data = JSON.parse(dataEl.textContent);
    } catch (e) {
      root.textContent = "The self-assessment data on this page could not be read.";
      return;
    }
    root.setAttribute("data-ha-ready", "1");
    var app = new App(root, new Model(data));
    root.haApp = app;
    app.start();
  }

  function restart() {
    var root = document.getElementById(ROOT_ID);
    if (!root || root.getAttribute("data-ha-ready") !== "1") return;
    root.removeAttribute("data-ha-ready");
    root.haApp = null;
    init();
  }

  if (!window.__handbookAssessmentListeners) {
    window.__handbookAssessmentListeners = true;
    // A share link pasted into the address bar of an open assessment page only changes the hash.
    window.addEventListener("hashchange", function () {
      if (shareFragment() !== null) restart();
    });
    // Answers changed in another tab of this browser.
    window.addEventListener("storage", function (ev) {
      var root = document.getElementById(ROOT_ID);
      var app = root && root.haApp;
      if (!app || app.readOnly || ev.key !== app.model.key) return;
      app.loadStored();
      app.sync();
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    // Material's document observable: emits on the first load and after each instant navigation.
    window.document$.subscribe(function () { init(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
