/* Self-assessment, the Checklist section: every item with its status and note, by level,
 * dimension and area, filterable by role and level. */
(function (HA) {
  "use strict";

  var h = HA.h;
  var esc = HA.esc;
  var proseHtml = HA.proseHtml;
  var domId = HA.domId;
  var t = HA.t;
  var STATUS_OPTIONS = HA.STATUSES.map(function (st) { return '<option value="' + st + '">' + esc(HA.statusLabel(st)) + "</option>"; }).join("");

  function ChecklistView(app) {
    var self = this;
    var model = app.model;
    this.app = app;
    this.controls = {}; // item id -> {li, select, note}
    var roleSelect = h("select", { id: "ha-filter-role" }, h("option", { value: "" }, t("assessment.checklist.all_roles")),
      model.roles.map(function (r) { return h("option", { value: r.id }, r.name); }));
    var levelSelect = h("select", { id: "ha-filter-level" }, h("option", { value: "" }, t("assessment.checklist.all_levels")),
      model.levels.map(function (lv) { return h("option", { value: lv.id }, t("level.title", { number: lv.number, name: lv.name })); }));
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
        h("summary", null, h("h3", null, t("level.title", { number: lv.number, name: lv.name })), " ", levelSummary));
      var block = { level: lv, details: levelDetails, count: levelSummary, dims: [] };
      model.dimensions.forEach(function (d) {
        var items = model.cells[lv.id][d.id];
        if (!items.length) return;
        var dimCount = h("span", { class: "ha-summary-count" });
        var dimDetails = h("details", { class: "ha-dimension", "data-level": lv.id, "data-dimension": d.id },
          h("summary", null, h("h4", null, d.name), " ", dimCount));
        var dimBlock = { dimension: d, details: dimDetails, count: dimCount, areas: [] };
        var areaOrder = (d.areas || []).slice();
        var known = {};
        areaOrder.forEach(function (a) { known[a.id] = true; });
        items.forEach(function (item) {
          if (!known[item.area]) { known[item.area] = true; areaOrder.push({ id: item.area, name: item.area || t("assessment.checklist.other_area") }); }
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
      if (t && t.classList && t.classList.contains("ha-status-select")) self.changed(t.getAttribute("data-item"), { status: t.value });
    });
    // "toggle" does not bubble: caught on the way down. The evidence editor is built when opened.
    list.addEventListener("toggle", function (ev) {
      var t = ev.target;
      if (t && t.classList && t.classList.contains("ha-evidence") && t.open) HA.fillEvidence(app, t, t.getAttribute("data-item"));
    }, true);
    list.addEventListener("input", function (ev) {
      var t = ev.target;
      if (t && t.classList && t.classList.contains("ha-note-input")) self.changed(t.getAttribute("data-item"), { note: t.value });
    });

    this.el = h("section", { id: "ha-checklist", class: "ha-checklist", "aria-labelledby": "ha-checklist-heading" },
      h("h2", { id: "ha-checklist-heading" }, t("assessment.checklist.heading")),
      h("div", { class: "ha-filters" },
        h("div", { class: "ha-field" }, h("label", { for: "ha-filter-role" }, t("column.role")), roleSelect),
        h("div", { class: "ha-field" }, h("label", { for: "ha-filter-level" }, t("column.level")), levelSelect),
        this.filterCount),
      list);
  }

  ChecklistView.prototype.changed = function (id, change) {
    var status = this.app.setAnswer(id, change);
    var c = this.controls[id];
    if (status && c) c.li.setAttribute("data-status", status);
  };

  // ~600 items with their controls: written as one escaped HTML string per area and parsed once,
  // which is several times faster than creating the nodes one by one. Every value is escaped.
  ChecklistView.prototype.itemHtml = function (item) {
    var model = this.app.model;
    var id = esc(item.id);
    var statusId = domId("status", item.id);
    var noteId = domId("note", item.id);
    var href = HA.practiceHref(item.url, this.app.linkStyle);
    var title = esc(item.practice_title || item.practice);
    var roles = (item.roles || []).map(function (r) { return model.roleNames[r] || r; }).join(", ");
    var priority = String(item.priority || "");
    return '<li class="ha-item" id="' + domId("item", item.id) + '" data-item="' + id + '" data-status="not-started">' +
      '<div class="ha-item-head"><code class="ha-id">' + id + "</code> " +
      (priority ? '<span class="ha-prio ha-prio-' + HA.slug(priority) + '">' + esc(t("assessment.checklist.priority", { priority: HA.priorityLabel(priority) })) + "</span>" : "") +
      ' <span class="ha-badge ha-revalidate" hidden>' + esc(t("assessment.checklist.revalidate")) + "</span></div>" +
      '<p class="ha-text">' + proseHtml(item.text) + "</p>" +
      (item.done_looks_like ? '<p class="ha-done"><strong>' + esc(t("assessment.checklist.done_looks_like")) + " </strong>" + proseHtml(item.done_looks_like) + "</p>" : "") +
      '<p class="ha-meta">' + esc(t("assessment.checklist.practice")) + " " + (href ? '<a href="' + esc(href) + '">' + title + "</a>" : "<span>" + title + "</span>") +
      (roles ? " \u00b7 " + esc(t("assessment.checklist.roles", { roles: roles })) : "") + "</p>" +
      '<div class="ha-controls"><div class="ha-field">' +
      '<label for="' + statusId + '">' + esc(t("assessment.checklist.status")) + '<span class="ha-sr"> ' + esc(t("assessment.checklist.status_of", { id: item.id })) + "</span></label>" +
      '<select id="' + statusId + '" class="ha-status-select" data-item="' + id + '">' + STATUS_OPTIONS + "</select></div>" +
      '<div class="ha-field ha-field-note"><label for="' + noteId + '">' + esc(t("assessment.checklist.note")) + '<span class="ha-sr"> ' + esc(t("assessment.checklist.note_on", { id: item.id })) + "</span></label>" +
      '<input type="text" id="' + noteId + '" class="ha-note-input" data-item="' + id + '" autocomplete="off"></div>' +
      '</div><details class="ha-evidence" data-item="' + id + '"><summary>' + esc(t("assessment.evidence.summary")) + "</summary></details></li>";
  };

  ChecklistView.prototype.sync = function () {
    var self = this;
    this.app.model.items.forEach(function (item) { self.showItem(item.id); });
  };

  // One item's controls from the app's state (also after another view changed its answer).
  ChecklistView.prototype.showItem = function (id) {
    var app = this.app;
    var c = this.controls[id];
    if (!c) return;
    var a = app.answers[id];
    var st = app.model.status(app.answers, id);
    c.select.value = st;
    c.note.value = a && a.note ? a.note : "";
    c.select.disabled = c.note.disabled = app.readOnly;
    c.li.setAttribute("data-status", st);
    var ev = c.li.querySelector(".ha-evidence");
    if (ev.open) HA.fillEvidence(app, ev, id);
    else ev.firstChild.textContent = HA.evidenceSummary(a);
  };

  ChecklistView.prototype.render = function () {
    this.renderCounts();
    this.renderExpiry();
    this.applyFilters();
  };

  // "Re-validate" on answers past their time-to-live; attributes written only when they change.
  ChecklistView.prototype.renderExpiry = function () {
    var app = this.app;
    var today = HA.today();
    var controls = this.controls;
    app.model.items.forEach(function (item) {
      var c = controls[item.id];
      var e = HA.expiryOf(app.model, item.id, app.answers[item.id], today);
      var state = e ? e.state : "";
      if (c.li.getAttribute("data-expiry") === state || (!state && !c.li.hasAttribute("data-expiry"))) return;
      if (state) c.li.setAttribute("data-expiry", state);
      else c.li.removeAttribute("data-expiry");
      c.li.querySelector(".ha-revalidate").hidden = state !== "expired";
    });
  };

  ChecklistView.prototype.renderCounts = function () {
    var model = this.app.model;
    var answers = this.app.answers;
    this.levelBlocks.forEach(function (block) {
      var done = 0, applicable = 0;
      block.dims.forEach(function (dimBlock) {
        var c = model.cellCounts(answers, block.level.id, dimBlock.dimension.id);
        done += c.done;
        applicable += c.applicable;
        dimBlock.count.textContent = t("assessment.checklist.cell_count", { done: c.done, applicable: c.applicable }) +
          (c.na ? ", " + t("assessment.checklist.cell_na", { count: c.na }) : "") +
          " \u00b7 " + t(c.met ? "assessment.checklist.reached" : "assessment.checklist.not_reached");
        dimBlock.count.setAttribute("data-met", c.met ? "true" : "false");
      });
      block.count.textContent = t("assessment.checklist.level_count", { done: done, applicable: applicable });
    });
  };

  ChecklistView.prototype.applyFilters = function (openLevel) {
    var model = this.app.model;
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
    var text = role || level ? t("assessment.checklist.showing", { shown: shown, count: model.items.length })
      : t("assessment.checklist.showing_all", { count: model.items.length });
    if (this.filterCount.textContent !== text) this.filterCount.textContent = text;
  };

  HA.addSection({ id: "ha-checklist", title: t("assessment.checklist.heading"), order: 20, create: function (app) { return new ChecklistView(app); } });
})(window.HandbookAssessment = window.HandbookAssessment || {});
