/* Self-assessment, the plan rule: from answers and targets to an ordered plan in phases.
 *
 * The same rule as macros/plan.py, whose docstring defines it step by step; a browser test
 * feeds both 50 generated answer sets and asserts identical plans, so change both together.
 * Plain functions over the Model (model.js) and the page's data: no DOM here.
 *
 *   HA.computePlan(model, answers, settings, team) -> plan (the JSON shape macros/plan.py returns)
 *   settings: {targets: {dimension id: level number}, capacity: number|null, phase_weeks: number|null}
 *   HA.checkPlanSettings(model, obj) -> {targets, capacity, phase_weeks} or {error: "field: why"}
 */
(function (HA) {
  "use strict";

  var has = HA.has;
  var t = HA.t;
  var PRIORITY_RANK = { high: 0, medium: 1, low: 2 };
  var CAPACITY_MAX = 10000; // person-weeks per phase: anything above is a typo
  var PHASE_WEEKS_MAX = 104; // two years

  function rank(priority) {
    return has(PRIORITY_RANK, priority) ? PRIORITY_RANK[priority] : 3;
  }

  function isNumber(value) {
    return typeof value === "number" && isFinite(value);
  }

  function shown(value) {
    var text = JSON.stringify(value === undefined ? null : value);
    return text.length <= 60 ? text : text.slice(0, 57) + "...";
  }

  // ---------------------------------------------------------------- settings and their checks

  // In English the messages are macros/answers.py's (the command line's), word for word; the field
  // names they start with (targets.people, capacity, phase_weeks) are the file format, never translated.
  function targetError(model, value) {
    var top = model.maxLevel;
    if (!isNumber(value) || Math.floor(value) !== value || value < 0 || value > top) {
      return t("assessment.plan.target_error", { max: top, found: shown(value) });
    }
    return null;
  }

  function capacityError(value) {
    if (!isNumber(value) || !(value > 0 && value <= CAPACITY_MAX)) {
      return t("assessment.plan.capacity_error", { max: CAPACITY_MAX, found: shown(value) });
    }
    return null;
  }

  function phaseWeeksError(value) {
    if (!isNumber(value) || Math.floor(value) !== value || value < 1 || value > PHASE_WEEKS_MAX) {
      return t("assessment.plan.phase_weeks_error", { max: PHASE_WEEKS_MAX, found: shown(value) });
    }
    return null;
  }

  // The plan fields of an answers record (stored, imported or from a share link); absent or null: default.
  function checkPlanSettings(model, obj) {
    var out = noPlanSettings();
    var targets = obj.targets;
    if (targets !== undefined && targets !== null) {
      if (!HA.isObject(targets)) return { error: "targets: " + t("assessment.plan.targets_error", { arrow: "->", found: shown(targets) }) };
      var known = model.dimensions.map(function (d) { return d.id; });
      var dims = Object.keys(targets);
      for (var i = 0; i < dims.length; i++) {
        if (known.indexOf(dims[i]) < 0) return { error: "targets." + dims[i] + ": " + t("assessment.plan.unknown_dimension", { known: known.join(", ") }) };
        var problem = targetError(model, targets[dims[i]]);
        if (problem) return { error: "targets." + dims[i] + ": " + problem };
        out.targets[dims[i]] = targets[dims[i]];
      }
    }
    if (obj.capacity !== undefined && obj.capacity !== null) {
      var capacityProblem = capacityError(obj.capacity);
      if (capacityProblem) return { error: "capacity: " + capacityProblem };
      out.capacity = obj.capacity;
    }
    if (obj.phase_weeks !== undefined && obj.phase_weeks !== null) {
      var weeksProblem = phaseWeeksError(obj.phase_weeks);
      if (weeksProblem) return { error: "phase_weeks: " + weeksProblem };
      out.phase_weeks = obj.phase_weeks;
    }
    return out;
  }

  function noPlanSettings() {
    return { targets: {}, capacity: null, phase_weeks: null };
  }

  // Merging an imported file: its settings win where it has them, as its answers do.
  function mergePlanSettings(current, incoming) {
    return {
      targets: Object.assign({}, current.targets, incoming.targets),
      capacity: incoming.capacity !== null ? incoming.capacity : current.capacity,
      phase_weeks: incoming.phase_weeks !== null ? incoming.phase_weeks : current.phase_weeks
    };
  }

  // The record fields that keep the settings: only what the user set.
  function planFields(settings) {
    var out = {};
    if (!settings) return out;
    if (settings.targets && Object.keys(settings.targets).length) out.targets = settings.targets;
    if (settings.capacity !== null && settings.capacity !== undefined) out.capacity = settings.capacity;
    if (settings.phase_weeks !== null && settings.phase_weeks !== undefined) out.phase_weeks = settings.phase_weeks;
    return out;
  }

  function defaultTarget(model, achieved) {
    for (var i = 0; i < model.levels.length; i++) if (model.levels[i].number > achieved) return model.levels[i].number;
    return model.maxLevel;
  }

  // ---------------------------------------------------------------- the rule

  function computePlan(model, answers, settings, team) {
    var data = model.data;
    var defaults = data.plan_defaults || { capacity: 12, phase_weeks: 6 };
    settings = settings || {};
    var chosen = settings.targets || {};
    var byId = {};
    var itemsOf = {};
    (data.practices || []).forEach(function (p, k) { byId[p.id] = { practice: p, index: k }; itemsOf[p.id] = []; });
    model.items.forEach(function (item) { if (has(itemsOf, item.practice)) itemsOf[item.practice].push(item); });

    // Steps 1 and 2: achieved levels (the page's own rule, model.js) and targets.
    var achieved = {};
    model.results(answers).forEach(function (r) { achieved[r.dimension] = r.level; });
    var targets = {};
    model.dimensions.forEach(function (d) {
      targets[d.id] = has(chosen, d.id) ? chosen[d.id] : defaultTarget(model, achieved[d.id]);
    });

    var openCache = {};
    function openItems(pid) {
      if (!has(openCache, pid)) {
        openCache[pid] = itemsOf[pid].filter(function (item) {
          var st = model.status(answers, item.id);
          return st !== "done" && st !== "na";
        });
      }
      return openCache[pid];
    }

    var reason = neededPractices(model, achieved, targets, openItems);
    var prerequisites = {};
    Object.keys(reason).forEach(function (id) {
      prerequisites[id] = byId[id].practice.requires.filter(function (r) { return has(reason, r) && r !== id; });
    });
    var order = dependencyOrder(model, byId, prerequisites, openItems);
    var sizes = {};
    (data.effort_scale || []).forEach(function (size) { sizes[size.id] = size; });
    // Validated: every practice names a size of the scale.
    var efforts = order.map(function (id) { return sizes[byId[id].practice.effort].person_weeks; });
    var capacity = settings.capacity !== null && settings.capacity !== undefined ? settings.capacity : defaults.capacity;
    var weeks = settings.phase_weeks !== null && settings.phase_weeks !== undefined ? settings.phase_weeks : defaults.phase_weeks;
    var phases = phased(order, efforts, capacity, weeks);
    var phaseOf = {};
    phases.forEach(function (phase) { phase.practices.forEach(function (id) { phaseOf[id] = phase.number; }); });

    var lines = order.map(function (id, k) {
      var p = byId[id].practice;
      var size = sizes[p.effort];
      var items = openItems(id);
      var priority = items[0].priority;
      items.forEach(function (item) { if (rank(item.priority) < rank(priority)) priority = item.priority; });
      var level = model.levelsById[p.level];
      return {
        order: k + 1,
        phase: phaseOf[id],
        practice: id,
        title: p.title,
        level: p.level,
        level_number: level.number,
        level_name: level.name,
        dimension: p.dimension,
        dimension_name: model.dimensionName(p.dimension),
        owners: p.owners.slice(),
        owner_names: p.owners.map(function (r) { return has(model.roleNames, r) ? model.roleNames[r] : r; }),
        effort: size.id,
        effort_label: size.label,
        person_weeks: efforts[k],
        reason: reason[id],
        requires: prerequisites[id],
        priority: priority,
        items: items.map(function (item) {
          return { id: item.id, text: item.text, done_looks_like: item.done_looks_like, priority: item.priority,
            status: model.status(answers, item.id) };
        }),
        url: p.path
      };
    });
    return {
      handbook: data.handbook,
      data_version: data.data_version,
      team: team || "",
      capacity: capacity,
      phase_weeks: weeks,
      dimensions: model.dimensions.map(function (d) {
        return { id: d.id, name: d.name, achieved: achieved[d.id], target: targets[d.id] };
      }),
      total_person_weeks: efforts.reduce(function (sum, e) { return sum + e; }, 0),
      total_weeks: phases.length ? phases[phases.length - 1].end_week : 0,
      phases: phases,
      lines: lines
    };
  }

  // Step 3: practice id -> "target" or "prerequisite".
  function neededPractices(model, achieved, targets, openItems) {
    var practices = model.data.practices || [];
    var levelNumber = {};
    model.levels.forEach(function (lv) { levelNumber[lv.id] = lv.number; });
    var requires = {};
    practices.forEach(function (p) { requires[p.id] = p.requires || []; });
    var reason = {};
    var queue = [];
    practices.forEach(function (p) {
      var n = levelNumber[p.level];
      if (achieved[p.dimension] < n && n <= targets[p.dimension] && openItems(p.id).length) {
        reason[p.id] = "target";
        queue.push(p.id);
      }
    });
    for (var head = 0; head < queue.length; head++) { // the queue grows while it is read
      requires[queue[head]].forEach(function (required) {
        if (has(requires, required) && !has(reason, required) && openItems(required).length) {
          reason[required] = "prerequisite";
          queue.push(required);
        }
      });
    }
    return reason;
  }

  // Step 4: the planned practices, each after its planned prerequisites, smallest key first
  // (level, most urgent open item's priority, position in the data).
  function dependencyOrder(model, byId, prerequisites, openItems) {
    var planned = Object.keys(prerequisites);
    var keys = {};
    var waiting = {};
    var unlocks = {};
    planned.forEach(function (id) {
      var best = 3;
      openItems(id).forEach(function (item) { best = Math.min(best, rank(item.priority)); });
      keys[id] = [model.levelsById[byId[id].practice.level].number, best, byId[id].index];
      unlocks[id] = [];
    });
    planned.forEach(function (id) {
      var distinct = prerequisites[id].filter(function (r, k, all) { return all.indexOf(r) === k; });
      waiting[id] = distinct.length;
      distinct.forEach(function (r) { unlocks[r].push(id); });
    });
    function less(a, b) {
      var ka = keys[a], kb = keys[b];
      return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
    }
    // A heap keeps the next practice at hand: a linear scan made 10x data (2,000 planned
    // practices) take 400 ms instead of about 30.
    var ready = new Heap(less);
    planned.forEach(function (id) { if (waiting[id] === 0) ready.push(id); });
    var placed = {};
    var order = [];
    while (order.length < planned.length) {
      if (!ready.size()) {
        // A cycle (validation refuses them): the smallest remaining key breaks it.
        var rest = planned.filter(function (id) { return !placed[id]; });
        ready.push(rest.reduce(function (a, b) { return less(b, a) < 0 ? b : a; }));
      }
      var best = ready.pop();
      if (placed[best]) continue;
      placed[best] = true;
      order.push(best);
      unlocks[best].forEach(function (next) {
        waiting[next] -= 1;
        if (waiting[next] === 0 && !placed[next]) ready.push(next);
      });
    }
    return order;
  }

  // Step 6: next fit into phases of `capacity` person-weeks; an oversized practice alone.
  function phased(order, efforts, capacity, weeks) {
    var phases = [];
    var current = null;
    function newPhase(oversized, length) {
      var start = phases.length ? phases[phases.length - 1].end_week + 1 : 1;
      var phase = { number: phases.length + 1, start_week: start, end_week: start + length * weeks - 1,
        person_weeks: 0, oversized: oversized, practices: [] };
      phases.push(phase);
      return phase;
    }
    order.forEach(function (id, k) {
      var effort = efforts[k];
      if (effort > capacity) {
        current = null;
        newPhase(true, Math.ceil(effort / capacity));
      } else if (current === null || current.person_weeks + effort > capacity) {
        current = newPhase(false, 1);
      }
      var phase = phases[phases.length - 1];
      phase.person_weeks = phase.person_weeks + effort;
      phase.practices.push(id);
    });
    return phases;
  }

  // A binary min-heap of practice ids under a comparison.
  function Heap(compare) {
    this.items = [];
    this.compare = compare;
  }

  Heap.prototype.size = function () {
    return this.items.length;
  };

  Heap.prototype.push = function (value) {
    var a = this.items;
    a.push(value);
    for (var i = a.length - 1; i > 0;) {
      var parent = (i - 1) >> 1;
      if (this.compare(a[i], a[parent]) >= 0) break;
      var t = a[i]; a[i] = a[parent]; a[parent] = t;
      i = parent;
    }
  };

  Heap.prototype.pop = function () {
    var a = this.items;
    var top = a[0];
    var last = a.pop();
    if (a.length) {
      a[0] = last;
      for (var i = 0; ;) {
        var l = 2 * i + 1, r = l + 1, m = i;
        if (l < a.length && this.compare(a[l], a[m]) < 0) m = l;
        if (r < a.length && this.compare(a[r], a[m]) < 0) m = r;
        if (m === i) break;
        var t = a[i]; a[i] = a[m]; a[m] = t;
        i = m;
      }
    }
    return top;
  };

  HA.computePlan = computePlan;
  HA.checkPlanSettings = checkPlanSettings;
  HA.planFields = planFields;
  HA.noPlanSettings = noPlanSettings;
  HA.mergePlanSettings = mergePlanSettings;
  HA.targetError = targetError;
  HA.capacityError = capacityError;
  HA.phaseWeeksError = phaseWeeksError;
  HA.defaultTarget = defaultTarget;
})(window.HandbookAssessment = window.HandbookAssessment || {});
