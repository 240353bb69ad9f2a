/* Self-assessment, the view wiring: the answers' state, storage, the section views and start-up.
 *
 * The page loads the checklist items as a script (window.HANDBOOK_ASSESSMENT, written by
 * macros/render/assessment.py; a script works from file://, where fetch() fails) and holds an
 * empty #handbook-assessment element these scripts fill.
 * Answers stay in this browser (localStorage); they leave it only as a file the user exports
 * or as a share link the user copies. On every other page the scripts do nothing.
 *
 * Data flows one way: a view changes the state only through the app (setAnswer, update, setTeam);
 * the app saves it and asks every view to render again. The state: answers, team, snapshots,
 * consensus (how a workshop reached the answers), baseline (the data version and item
 * fingerprints the answers were made against, while the changes since are not yet reviewed)
 * and planSettings (targets, capacity, phase length: plan.js). All of it is stored, exported
 * and imported together; share links carry the answers, the team and the plan settings.
 *
 * Adding a section view (one module each, loaded after this one):
 *
 *   HandbookAssessment.addSection({
 *     id: "ha-plan",            // the <section>'s id, also the jump link's target
 *     title: HA.t("assessment.plan.heading"),  // the jump link's text
 *     order: 25,                // place among the sections: result 10, checklist 20, tools 30
 *     jump: false,              // optional: no jump link (a section shown only sometimes)
 *     create: function (app) {  // called once per page start; returns the view
 *       return {
 *         el: sectionElement,                   // required: the view's <section>
 *         render: function (results) {},        // optional: after any answer change
 *         sync: function () {},                 // optional: answers replaced or read-only switched
 *         showItem: function (id) {}            // optional: one answer changed by another view
 *       };
 *     }
 *   });
 *
 * A view reads app.model, app.answers, app.team, app.planSettings, app.readOnly and calls
 * app.message / app.alert.
 * render() runs after every answer change: keep it cheap, or render only when the view is open.
 */
(function (HA) {
  "use strict";

  var h = HA.h;
  var clear = HA.clear;
  var append = HA.append;
  var has = HA.has;
  var ROOT_ID = "handbook-assessment";
  var sections = [];

  HA.addSection = function (spec) {
    sections.push(spec);
    sections.sort(function (a, b) { return a.order - b.order; });
  };

  function App(root, model) {
    this.root = root;
    this.model = model;
    this.answers = {};
    this.team = "";
    this.snapshots = [];
    this.consensus = null;
    this.baseline = null;
    this.planSettings = HA.noPlanSettings();
    this.readOnly = false;
    this.views = [];
    this.linkStyle = HA.pageLinkStyle();
  }

  App.prototype.start = function () {
    var model = this.model;
    var self = this;
    var fragment = HA.shareFragment();
    this.build();
    if (fragment === null) { this.loadStored(); this.sync(); return; }
    // Compressed links decode asynchronously (the browser's DecompressionStream).
    HA.decodeShare(model, fragment).then(function (shared) {
      if (!shared.error) { self.syncShared(shared, null); return; }
      self.syncShared(null, HA.t("assessment.app.share_refused", { problem: shared.error }));
    });
  };

  App.prototype.syncShared = function (shared, shareError) {
    if (shared) {
      this.readOnly = true;
      this.setState(shared);
    } else {
      this.loadStored();
    }
    if (shareError) this.alert(shareError);
    this.sync();
  };

  // The state from a checked record (stored, imported, shared).
  App.prototype.setState = function (rec) {
    this.answers = rec.answers;
    this.team = rec.team || "";
    this.snapshots = rec.snapshots || [];
    this.consensus = rec.consensus || null;
    this.baseline = HA.baselineOf(this.model, rec);
    this.planSettings = rec.plan || HA.noPlanSettings();
  };

  // ---- storage

  App.prototype.loadStored = function () {
    var raw = null;
    this.setState({ answers: {} });
    try {
      raw = window.localStorage.getItem(this.model.key);
    } catch (e) {
      this.alert(HA.t("assessment.app.no_storage"));
      return;
    }
    if (raw === null) return;
    var rec = HA.parseRecord(this.model, raw);
    if (rec.error) {
      try { window.localStorage.setItem(this.model.key + ":unreadable", raw); } catch (e) { /* nothing more to do */ }
      this.alert(HA.t("assessment.app.stored_unreadable", { problem: rec.error }));
      return;
    }
    this.setState(rec);
  };

  App.prototype.record = function () {
    return HA.makeRecord(this.model, this);
  };

  App.prototype.save = function () {
    if (this.readOnly) return false;
    try {
      window.localStorage.setItem(this.model.key, JSON.stringify(this.record()));
      return true;
    } catch (e) {
      this.alert(HA.t("assessment.app.not_saved", { problem: e && e.name ? e.name : HA.t("assessment.app.storage_error") }));
      return false;
    }
  };

  // ---- building the page from the registered sections

  App.prototype.build = function () {
    var self = this;
    var root = this.root;
    clear(root);
    this.banner = h("div", { class: "ha-banner", hidden: true });
    this.alertBox = h("div", { class: "ha-alert", role: "alert" });
    this.statusBox = h("div", { class: "ha-message", role: "status" });
    this.views = sections.map(function (spec) { return { spec: spec, view: spec.create(self) }; });
    var jumps = [];
    this.views.forEach(function (v) {
      if (v.spec.jump === false) return;
      if (jumps.length) jumps.push(" \u00b7 ");
      jumps.push(self.jumpLink(v.spec.id, v.spec.title));
    });
    append(root, [
      h("nav", { class: "ha-jump", "aria-label": HA.t("assessment.app.sections") }, jumps),
      this.banner, this.alertBox, this.statusBox,
      this.views.map(function (v) { return v.view.el; })
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

  // ---- rendering state into the page

  App.prototype.sync = function () {
    this.root.classList.toggle("ha-read-only", this.readOnly);
    this.views.forEach(function (v) { if (v.view.sync) v.view.sync(); });
    this.renderBanner();
    this.render();
  };

  App.prototype.render = function () {
    var results = this.model.results(this.answers);
    this.views.forEach(function (v) { if (v.view.render) v.view.render(results); });
  };

  App.prototype.renderBanner = function () {
    var self = this;
    clear(this.banner);
    this.banner.hidden = !this.readOnly;
    if (!this.readOnly) return;
    append(this.banner, [
      h("p", null, h("strong", null, HA.t("assessment.app.shared")), this.team ? " " + HA.t("assessment.app.shared_team", { team: this.team }) : "",
        ". " + HA.t("assessment.app.shared_read_only")),
      h("div", { class: "ha-buttons" },
        h("button", { type: "button", class: "md-button md-button--primary", id: "ha-adopt", onclick: function () { self.adopt(); } }, HA.t("assessment.app.adopt")),
        h("button", { type: "button", class: "md-button", id: "ha-leave-shared", onclick: function () { self.leaveShared(); } }, HA.t("assessment.app.leave_shared")))
    ]);
  };

  // ---- state changes: the only ways views change the answers

  // Returns the item's new status, or null when nothing changed.
  // change: any of status, note, links, assessor, date. A new status is dated today.
  App.prototype.setAnswer = function (id, change) {
    if (this.readOnly || !has(this.model.byId, id)) return null;
    var current = this.answers[id] || { status: "not-started", note: "" };
    var next = Object.assign({}, current, change);
    if (HA.STATUSES.indexOf(next.status) < 0) next.status = "not-started";
    if (has(change, "status") && change.status !== current.status && !has(change, "date")) next.date = HA.today();
    next = HA.cleanAnswer(next);
    if (next.status === "not-started" && !next.note && !next.links && !next.assessor) delete this.answers[id];
    else this.answers[id] = next;
    this.save();
    if (has(change, "status") || has(change, "date") || has(change, "links")) this.render();
    return next.status;
  };

  // Another view changed one answer (setAnswer): views that show it refresh it.
  App.prototype.refreshItem = function (id) {
    this.views.forEach(function (v) { if (v.view.showItem) v.view.showItem(id); });
  };

  // Replaces parts of the state (answers, team, snapshots, consensus, baseline), saves, shows it.
  App.prototype.update = function (parts) {
    if (this.readOnly) return;
    var self = this;
    ["answers", "team", "snapshots", "consensus", "baseline", "planSettings"].forEach(function (key) {
      if (has(parts, key)) self[key] = parts[key];
    });
    this.save();
    this.sync();
  };

  App.prototype.setPlanSettings = function (settings) {
    if (this.readOnly) return;
    this.planSettings = settings;
    this.save();
    this.render();
  };

  App.prototype.setTeam = function (team) {
    if (this.readOnly) return;
    this.team = team;
    this.save();
    this.render();
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

  App.prototype.adopt = function () {
    if (!this.readOnly) return;
    if (!window.confirm(HA.t("assessment.app.adopt_confirm"))) return;
    // Snapshots are this browser's history: a shared link holds none, so the stored ones stay.
    var mine = null;
    try { mine = HA.parseRecord(this.model, window.localStorage.getItem(this.model.key) || "null"); } catch (e) { /* none */ }
    if (mine && !mine.error) this.snapshots = HA.mergeSnapshots(mine.snapshots, this.snapshots);
    this.readOnly = false;
    if (!this.save()) { this.readOnly = true; return; }
    history.replaceState(null, "", HA.urlWithoutHash());
    this.sync();
    this.message(HA.t("assessment.app.adopted"));
  };

  App.prototype.leaveShared = function () {
    history.replaceState(null, "", HA.urlWithoutHash());
    this.readOnly = false;
    clear(this.alertBox);
    this.loadStored();
    this.sync();
    this.message(HA.t("assessment.app.showing_stored"));
  };

  App.prototype.reset = function () {
    if (this.readOnly) return;
    if (!window.confirm(HA.t("assessment.app.reset_confirm"))) return;
    try { window.localStorage.removeItem(this.model.key); } catch (e) { /* nothing stored */ }
    this.setState({ answers: {} });
    this.sync();
    this.message(HA.t("assessment.app.cleared"));
  };

  // ---------------------------------------------------------------- start-up

  function init() {
    var root = document.getElementById(ROOT_ID);
    if (!root) return;
    if (root.getAttribute("data-ha-ready") === "1") return;
    var data = window.HANDBOOK_ASSESSMENT;
    if (!HA.isObject(data) || !Array.isArray(data.items)) {
      // Without the data there is no catalogue either: the one text that cannot come from it.
      root.textContent = "The self-assessment data could not be loaded (assets/javascripts/handbook-assessment-data.js).";
      return;
    }
    root.setAttribute("data-ha-ready", "1");
    var app = new App(root, new HA.Model(data));
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

  HA.App = App;

  if (!window.__handbookAssessmentListeners) {
    window.__handbookAssessmentListeners = true;
    // A share link pasted into the address bar of an open assessment page only changes the hash.
    window.addEventListener("hashchange", function () {
      if (HA.shareFragment() !== null) restart();
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

  // The section modules load after this one: start once the whole page (and so every script) is parsed.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else setTimeout(init, 0);
})(window.HandbookAssessment = window.HandbookAssessment || {});
