// kith's interactive graph page: a layered layout (generations top-down,
// couples side by side), pan and zoom, search, and panels with the
// evidence of every person and relation. Plain JS, no libraries, no
// network. Text from the data is only ever set with textContent.
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var data = JSON.parse(document.getElementById('kith-data').textContent);
  var STYLE = JSON.parse(document.getElementById('kith-style').textContent);
  var nodes = data.nodes;
  var byId = new Map(nodes.map(function (n) { return [n.id, n]; }));
  var links = data.links.filter(function (l) { return byId.has(l.source) && byId.has(l.target); });
  var panel = document.getElementById('panel');
  var search = document.getElementById('search');
  var count = document.getElementById('count');
  var svg = document.getElementById('graph');
  var root = document.createElementNS(SVG, 'g');
  svg.appendChild(root);

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function sel(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function fold(s) {
    return String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
  }
  function oneLine(s) { return String(s).replace(/\s+/g, ' ').trim(); }
  function years(n) {
    var born = n.born ? (n.born[0] === n.born[1] ? String(n.born[0]) : n.born[0] + '/' + String(n.born[1]).slice(-2)) : null;
    var died = n.deceased ? (n.died ? '† ' + n.died.slice(0, 4) : '†') : null;
    if (born && died) return born + ' – ' + died;
    if (born) return 'b. ' + born;
    return died;
  }

  // Generations: a child is below each parent; partners and siblings
  // share a generation. Bounded rounds, so contradictory data still ends.
  var gen = new Map(nodes.map(function (n) { return [n.id, 0]; }));
  for (var round = 0; round <= nodes.length; round++) {
    var changed = false;
    links.forEach(function (l) {
      var a = gen.get(l.source), b = gen.get(l.target);
      if (l.type === 'parent') {
        if (b < a + 1 && a < nodes.length) { gen.set(l.target, a + 1); changed = true; }
      } else if (l.type === 'spouse' || l.type === 'partner' || l.type === 'sibling') {
        if (a !== b) { var g = Math.max(a, b); gen.set(l.source, g); gen.set(l.target, g); changed = true; }
      }
    });
    if (!changed) break;
  }

  // Layers, ordered by barycentres, couples kept together as blocks.
  var couple = new Map();
  links.forEach(function (l) {
    if ((l.type === 'spouse' || l.type === 'partner') && gen.get(l.source) === gen.get(l.target)) {
      if (!couple.has(l.source)) couple.set(l.source, l.target);
      if (!couple.has(l.target)) couple.set(l.target, l.source);
    }
  });
  var layers = [];
  nodes.forEach(function (n) {
    var g = gen.get(n.id);
    (layers[g] = layers[g] || []).push(n.id);
  });
  layers = layers.filter(Boolean);
  var pos = new Map();
  var width = new Map(nodes.map(function (n) {
    return [n.id, Math.max(110, 7.4 * Math.max(oneLine(n.name).length, (years(n) || '').length) + 24)];
  }));
  function blocks(layer) {
    var seen = new Set(), out = [];
    layer.forEach(function (id) {
      if (seen.has(id)) return;
      seen.add(id);
      var block = [id], p = couple.get(id);
      if (p && layer.indexOf(p) >= 0 && !seen.has(p)) { block.push(p); seen.add(p); }
      out.push(block);
    });
    return out;
  }
  function place() {
    var y = 0;
    layers.forEach(function (layer) {
      var total = layer.reduce(function (s, id) { return s + width.get(id) + 40; }, -40);
      var x = -total / 2;
      layer.forEach(function (id, k) {
        pos.set(id, { x: x + width.get(id) / 2, y: y });
        x += width.get(id) + (k + 1 < layer.length && couple.get(id) === layer[k + 1] ? 100 : 40);
      });
      y += 130;
    });
  }
  place();
  var parentsOf = new Map(), childrenOf = new Map();
  links.forEach(function (l) {
    if (l.type !== 'parent') return;
    (parentsOf.get(l.target) || parentsOf.set(l.target, []).get(l.target)).push(l.source);
    (childrenOf.get(l.source) || childrenOf.set(l.source, []).get(l.source)).push(l.target);
  });
  function sweep(order, neighbours) {
    order.forEach(function (i) {
      var bs = blocks(layers[i]).map(function (block, k) {
        var xs = [];
        block.forEach(function (id) { (neighbours.get(id) || []).forEach(function (o) { if (pos.has(o)) xs.push(pos.get(o).x); }); });
        var key = xs.length ? xs.reduce(function (a, b) { return a + b; }, 0) / xs.length
          : block.reduce(function (s, id) { return s + pos.get(id).x; }, 0) / block.length;
        return { block: block, key: key, k: k };
      });
      bs.sort(function (a, b) { return a.key - b.key || a.k - b.k; });
      layers[i] = [].concat.apply([], bs.map(function (b) { return b.block; }));
    });
    place();
  }
  var down = layers.map(function (_, i) { return i; });
  for (var s = 0; s < 4; s++) {
    sweep(down.slice(1), parentsOf);
    sweep(down.slice(0, -1).reverse(), childrenOf);
  }
  // Children under their parents: each node moves to the mean of its
  // parents, then overlaps are pushed apart, keeping the layer's order.
  function gap(a, b) { return couple.get(a) === b ? 100 : 40; }
  for (var it = 0; it < 3; it++) {
    layers.forEach(function (layer, i) {
      if (i > 0) {
        layer.forEach(function (id) {
          var ps = (parentsOf.get(id) || []).filter(function (p) { return pos.has(p); });
          if (ps.length) pos.get(id).x = ps.reduce(function (sum, p) { return sum + pos.get(p).x; }, 0) / ps.length;
        });
      }
      for (var k = 1; k < layer.length; k++) {
        var a = layer[k - 1], b = layer[k];
        var min = pos.get(a).x + width.get(a) / 2 + gap(a, b) + width.get(b) / 2;
        if (pos.get(b).x < min) pos.get(b).x = min;
      }
    });
  }

  // Drawing.
  var linkLayer = sel('g'), nodeLayer = sel('g');
  root.appendChild(linkLayer);
  root.appendChild(nodeLayer);
  var H = 44;
  function linkPath(l) {
    var a = pos.get(l.source), b = pos.get(l.target);
    if (l.type === 'parent') {
      var from = { x: a.x, y: a.y + H / 2 };
      var others = (parentsOf.get(l.target) || []).filter(function (p) { return p !== l.source && couple.get(p) === l.source; });
      if (others.length) {
        var o = pos.get(others[0]);
        if (o.y === a.y) from = { x: (a.x + o.x) / 2, y: a.y };
      }
      var mid = (from.y + b.y - H / 2) / 2 + (from.y === a.y ? 10 : 0);
      return 'M' + from.x + ',' + from.y + ' V' + mid + ' H' + b.x + ' V' + (b.y - H / 2 - 4);
    }
    if (a.y === b.y) {
      var left = a.x < b.x ? a : b, right = a.x < b.x ? b : a;
      var lw = width.get(a.x < b.x ? l.source : l.target) / 2, rw = width.get(a.x < b.x ? l.target : l.source) / 2;
      if (couple.get(l.source) === l.target && (l.type === 'spouse' || l.type === 'partner')) {
        return 'M' + (left.x + lw) + ',' + left.y + ' H' + (right.x - rw);
      }
      var lift = 30 + Math.min(80, Math.abs(right.x - left.x) / 6);
      return 'M' + left.x + ',' + (left.y - H / 2) + ' C' + left.x + ',' + (left.y - H / 2 - lift) + ' ' + right.x + ',' + (right.y - H / 2 - lift) + ' ' + right.x + ',' + (right.y - H / 2);
    }
    return 'M' + a.x + ',' + a.y + ' L' + b.x + ',' + b.y;
  }
  var defs = sel('defs');
  var marker = sel('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '10', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' });
  var tip = sel('path', { d: 'M0,0 L10,5 L0,10 z', fill: STYLE.parent[0] });
  marker.appendChild(tip);
  defs.appendChild(marker);
  svg.insertBefore(defs, root);
  var linkEls = new Map();
  links.forEach(function (l) {
    var st = STYLE[l.type] || ['#888', 'solid'];
    var d = linkPath(l);
    var p = sel('path', { d: d, class: 'link', stroke: st[0], 'stroke-width': st[1] === 'bold' ? 3 : 1.6, 'data-key': l.key });
    if (st[1] === 'dashed') p.setAttribute('stroke-dasharray', '6 4');
    if (l.type === 'parent') p.setAttribute('marker-end', 'url(#arrow)');
    var hit = sel('path', { d: d, class: 'hit', 'data-key': l.key });
    var title = sel('title');
    title.textContent = l.label;
    hit.appendChild(title);
    hit.addEventListener('click', function (ev) { ev.stopPropagation(); showLink(l.key); });
    linkLayer.appendChild(p);
    linkLayer.appendChild(hit);
    linkEls.set(l.key, p);
    if (l.type !== 'parent') {
      var a = pos.get(l.source), b = pos.get(l.target);
      var lx = (a.x + b.x) / 2, ly = a.y === b.y ? (couple.get(l.source) === l.target ? a.y - 7 : a.y - H / 2 - 30) : (a.y + b.y) / 2;
      var t = sel('text', { x: lx, y: ly, class: 'link-label', fill: st[0] });
      t.textContent = l.label;
      linkLayer.appendChild(t);
    }
  });
  var nodeEls = new Map();
  nodes.forEach(function (n) {
    var p = pos.get(n.id), w = width.get(n.id);
    var g = sel('g', { class: 'person' + (n.deceased ? ' deceased' : ''), transform: 'translate(' + p.x + ',' + p.y + ')', 'data-id': n.id });
    g.appendChild(sel('rect', { x: -w / 2, y: -H / 2, width: w, height: H, rx: 8 }));
    var name = sel('text', { y: years(n) ? -3 : 4, class: 'name' });
    name.textContent = oneLine(n.name);
    g.appendChild(name);
    if (years(n)) {
      var yt = sel('text', { y: 13, class: 'years' });
      yt.textContent = years(n);
      g.appendChild(yt);
    }
    g.addEventListener('click', function (ev) { ev.stopPropagation(); showPerson(n.id); });
    nodeLayer.appendChild(g);
    nodeEls.set(n.id, g);
  });

  // Pan and zoom.
  var view = { x: 0, y: 0, k: 1 };
  function apply() { root.setAttribute('transform', 'translate(' + view.x + ',' + view.y + ') scale(' + view.k + ')'); }
  function fit() {
    var box = svg.getBoundingClientRect();
    var xs = [], ys = [];
    pos.forEach(function (p, id) { xs.push(p.x - width.get(id) / 2, p.x + width.get(id) / 2); ys.push(p.y - H / 2 - 60, p.y + H / 2); });
    if (!xs.length) { view = { x: box.width / 2, y: 40, k: 1 }; apply(); return; }
    var minX = Math.min.apply(null, xs), maxX = Math.max.apply(null, xs), minY = Math.min.apply(null, ys), maxY = Math.max.apply(null, ys);
    var k = Math.min(1.5, (box.width - 40) / Math.max(1, maxX - minX), (box.height - 40) / Math.max(1, maxY - minY));
    if (!isFinite(k) || k <= 0) k = 1;
    view = { k: k, x: box.width / 2 - k * (minX + maxX) / 2, y: box.height / 2 - k * (minY + maxY) / 2 };
    apply();
  }
  function centre(id) {
    var box = svg.getBoundingClientRect(), p = pos.get(id);
    view.x = box.width / 2 - view.k * p.x;
    view.y = box.height / 2 - view.k * p.y;
    apply();
  }
  var drag = null;
  svg.addEventListener('pointerdown', function (ev) {
    if (ev.target.closest && (ev.target.closest('g.person') || ev.target.classList.contains('hit'))) return;
    drag = { x: ev.clientX - view.x, y: ev.clientY - view.y };
    svg.classList.add('panning');
  });
  window.addEventListener('pointermove', function (ev) {
    if (!drag) return;
    view.x = ev.clientX - drag.x;
    view.y = ev.clientY - drag.y;
    apply();
  });
  window.addEventListener('pointerup', function () { drag = null; svg.classList.remove('panning'); });
  svg.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var box = svg.getBoundingClientRect();
    var mx = ev.clientX - box.left, my = ev.clientY - box.top;
    var k = Math.max(0.1, Math.min(5, view.k * Math.exp(-ev.deltaY * 0.0015)));
    view.x = mx - (mx - view.x) * k / view.k;
    view.y = my - (my - view.y) * k / view.k;
    view.k = k;
    apply();
  }, { passive: false });
  window.addEventListener('resize', fit);
  fit();

  // Panels.
  function clearSelection() {
    nodeEls.forEach(function (g) { g.classList.remove('selected'); });
    linkEls.forEach(function (p) { p.classList.remove('selected'); });
  }
  function evidenceList(list) {
    var ul = el('ul');
    (list || []).forEach(function (e) {
      var li = el('li');
      var q = el('blockquote');
      var sentence = String(e.sentence_text), at = e.text ? sentence.indexOf(e.text) : -1;
      if (at >= 0) {
        q.appendChild(document.createTextNode(sentence.slice(0, at)));
        q.appendChild(el('mark', {}, e.text));
        q.appendChild(document.createTextNode(sentence.slice(at + e.text.length)));
      } else {
        q.textContent = sentence;
      }
      li.appendChild(q);
      li.appendChild(el('div', { class: 'meta' }, [e.document, e.date || 'no date', 'sentence ' + (e.sentence + 1), 'rule ' + e.rule, 'confidence ' + e.confidence].join(' · ')));
      ul.appendChild(li);
    });
    return ul;
  }
  function describe(a) {
    switch (a.type) {
      case 'age': return 'age ' + a.years + (a.born ? ' (born ' + a.born[0] + (a.born[1] !== a.born[0] ? '–' + a.born[1] : '') + ')' : '');
      case 'death': return 'died' + (a.date ? ' ' + [a.date.year, a.date.month, a.date.day].filter(function (x) { return x; }).join('-') : '') + (a.age ? ' at ' + a.age : '') + (a.cause ? ' of ' + a.cause : '');
      case 'role': return 'role: ' + a.value;
      case 'hometown': return 'from ' + a.value;
      case 'gender': return 'gender: ' + a.value;
      default: return a.type;
    }
  }
  function showPerson(id) {
    var n = byId.get(id);
    if (!n) return;
    clearSelection();
    nodeEls.get(id).classList.add('selected');
    panel.textContent = '';
    panel.appendChild(el('h2', {}, oneLine(n.name)));
    var sub = [n.gender, years(n), n.id].filter(Boolean).join(' · ');
    panel.appendChild(el('p', { class: 'sub' }, sub));
    var others = n.names.filter(function (x) { return x !== n.name; });
    if (others.length) panel.appendChild(el('p', { class: 'sub' }, 'also: ' + others.join('; ')));
    panel.appendChild(el('h3', {}, 'Attributes'));
    var ul = el('ul');
    (n.attributes || []).forEach(function (a) {
      var li = el('li');
      li.appendChild(el('div', {}, describe(a)));
      li.appendChild(evidenceList(a.evidence));
      ul.appendChild(li);
    });
    if (!(n.attributes || []).length) ul.appendChild(el('li', { class: 'meta' }, 'none stated'));
    panel.appendChild(ul);
    panel.appendChild(el('h3', {}, 'Relations'));
    var rl = el('ul');
    links.forEach(function (l) {
      if (l.source !== id && l.target !== id) return;
      var other = byId.get(l.source === id ? l.target : l.source);
      var word = l.type === 'parent' ? (l.source === id ? 'parent of' : 'child of') : l.label + ' of';
      var li = el('li');
      var b = el('button', { class: 'rel', type: 'button' }, word + ' ' + oneLine(other.name));
      b.addEventListener('click', function () { showLink(l.key); });
      li.appendChild(b);
      li.appendChild(el('span', { class: 'meta' }, ' (' + l.evidence.length + ' sentence' + (l.evidence.length === 1 ? '' : 's') + ')'));
      rl.appendChild(li);
    });
    if (!rl.children.length) rl.appendChild(el('li', { class: 'meta' }, 'none found'));
    panel.appendChild(rl);
  }
  function showLink(key) {
    var l = links.filter(function (x) { return x.key === key; })[0];
    if (!l) return;
    clearSelection();
    linkEls.get(key).classList.add('selected');
    var a = byId.get(l.source), b = byId.get(l.target);
    panel.textContent = '';
    var title = l.type === 'parent' ? oneLine(a.name) + ' is a parent of ' + oneLine(b.name)
      : oneLine(a.name) + ' — ' + l.label + ' — ' + oneLine(b.name);
    panel.appendChild(el('h2', {}, title));
    panel.appendChild(el('p', { class: 'sub' }, [l.label, 'confidence ' + l.confidence, l.terms.length ? 'words: ' + l.terms.join(', ') : ''].filter(Boolean).join(' · ')));
    panel.appendChild(el('h3', {}, 'Evidence'));
    panel.appendChild(evidenceList(l.evidence));
    [a, b].forEach(function (p) {
      var btn = el('button', { class: 'rel', type: 'button' }, oneLine(p.name));
      btn.addEventListener('click', function () { showPerson(p.id); });
      panel.appendChild(btn);
      panel.appendChild(document.createTextNode(' '));
    });
  }

  // Search: highlight matches, Enter opens the first.
  function matches() {
    var q = fold(search.value);
    if (!q) return null;
    return nodes.filter(function (n) { return n.names.concat([n.name]).some(function (x) { return fold(x).indexOf(q) >= 0; }); });
  }
  search.addEventListener('input', function () {
    var found = matches();
    var ids = new Set((found || []).map(function (n) { return n.id; }));
    nodeEls.forEach(function (g, id) {
      g.classList.toggle('match', !!found && ids.has(id));
      g.classList.toggle('dim', !!found && !ids.has(id));
    });
    count.textContent = found ? found.length + ' found' : '';
  });
  search.addEventListener('keydown', function (ev) {
    if (ev.key !== 'Enter') return;
    var found = matches();
    if (found && found.length) { showPerson(found[0].id); centre(found[0].id); }
  });

  window.kith = { data: data, showPerson: showPerson, showLink: showLink };

  // The test hook (`#selftest`): click the first person and the first
  // relation, search, and leave what the page showed in a <pre>.
  if (location.hash === '#selftest') {
    var out = { people: nodeEls.size, links: linkEls.size, names: [] };
    nodeEls.forEach(function (g) { out.names.push(g.querySelector('text.name').textContent); });
    var first = document.querySelector('g.person');
    if (first) { first.dispatchEvent(new MouseEvent('click', { bubbles: true })); out.personPanel = panel.textContent; }
    var hit = document.querySelector('path.hit');
    if (hit) { hit.dispatchEvent(new MouseEvent('click', { bubbles: true })); out.linkPanel = panel.textContent; }
    if (nodes.length) {
      search.value = nodes[nodes.length - 1].name;
      search.dispatchEvent(new Event('input'));
      out.searchMatches = document.querySelectorAll('g.person.match').length;
    }
    out.errors = window.__kithErrors || [];
    var pre = el('pre', { id: 'kith-selftest' }, JSON.stringify(out));
    pre.hidden = true;
    document.body.appendChild(pre);
  }
})();
