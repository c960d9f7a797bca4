// Builds the dashboard from the JSON embedded in the page. Charts are Apache ECharts option objects
// (inlined in the page, no network); this file only shapes data, lays out cards and tables.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('dashboard-data').textContent);
  var world = JSON.parse(document.getElementById('world-data').textContent);
  // The global filters. Each card says which of them it follows (data-follows) and which it does not.
  var state = { from: '', to: '', country: '', segment: '', band: '' };
  var charts = [];
  var onFilter = [];

  // ---- formatting -------------------------------------------------------------------------------
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  function monthName(ym) { var p = String(ym).split('-'); return MONTHS[Number(p[1]) - 1] + ' ' + p[0]; }
  function dayName(d) { var p = String(d).split('-'); return Number(p[2]) + ' ' + MONTHS[Number(p[1]) - 1] + ' ' + p[0]; }
  var money = function (v) { return '£' + Number(v).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }); };
  var compactMoney = function (v) { return '£' + Number(v).toLocaleString('en-GB', { notation: 'compact', maximumFractionDigits: 1 }); };
  var integer = function (v) { return Math.round(Number(v)).toLocaleString('en-GB'); };
  var percent = function (v) { return (Number(v) * 100).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + '%'; };
  var decimal = function (v) { return Number(v).toLocaleString('en-GB', { maximumFractionDigits: 2 }); };
  var FORMATS = { money: money, integer: integer, percent: percent, decimal: decimal, date: function (v) { return String(v); }, datetime: function (v) { return String(v); } };

  function cellText(col, v) {
    if (v === null || v === undefined) return '';
    // Days as a person writes them (9 Dec 2011); the CSV keeps the ISO form, which sorts and imports.
    if ((col.format === 'date' || col.format === 'datetime') && /^\d{4}-\d{2}-\d{2}$/.test(String(v))) return dayName(v);
    if (col.isId || typeof v !== 'number') return String(v);
    if (/_percentage$/.test(col.key)) return decimal(v) + '%';
    var f = FORMATS[col.format];
    return f ? f(v) : v.toLocaleString('en-GB');
  }

  function el(tag, attrs, text, parent) {
    var node = document.createElement(tag);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  // ---- layout: tabs, cards ----------------------------------------------------------------------
  var SECTIONS = [
    ['overview', 'Overview'], ['countries', 'Countries'], ['products', 'Products'], ['customers', 'Customers & segments'],
    ['churn', 'Churn & value'], ['campaigns', 'Campaigns'], ['forecasts', 'Forecasts'], ['quality', 'Data quality'],
  ];
  var nav = document.getElementById('tabs');
  var main = document.getElementById('sections');
  var builders = {};
  var built = {};

  SECTIONS.forEach(function (s) {
    var b = el('button', { role: 'tab', id: 'tab-' + s[0], 'aria-controls': 'section-' + s[0], 'aria-selected': 'false', type: 'button' }, s[1], nav);
    b.addEventListener('click', function () { show(s[0]); });
    el('section', { id: 'section-' + s[0], role: 'tabpanel', 'aria-labelledby': 'tab-' + s[0], class: 'grid', hidden: '' }, null, main);
  });

  /** Shows one tab; its cards are built the first time it is shown (charts need a visible box to size). */
  function show(id) {
    SECTIONS.forEach(function (s) {
      var on = s[0] === id;
      document.getElementById('section-' + s[0]).hidden = !on;
      document.getElementById('tab-' + s[0]).setAttribute('aria-selected', on ? 'true' : 'false');
    });
    if (!built[id]) { built[id] = true; (builders[id] || function () {})(document.getElementById('section-' + id)); }
    charts.forEach(function (c) { if (c.getDom().offsetParent) c.resize(); });
    if (history.replaceState) history.replaceState(null, '', '#' + id);
  }

  // ---- global filters ---------------------------------------------------------------------------
  var FILTERS = { date: 'date range', country: 'country', segment: 'segment', band: 'risk band' };
  /** Customer lists and model figures are scores on the last day of the data: a date range does not apply to them. */
  var CUSTOMER_FILTERS = ['country', 'segment', 'band'];
  var monthsAll = (data.monthly || []).map(function (m) { return m.month; });
  function inRange(month) { return (!state.from || month >= state.from) && (!state.to || month <= state.to); }
  function countryName(code) { var x = (data.countries || []).find(function (c) { return c.country === code; }); return x ? x.name : code; }
  /** The active value of one filter in words, or '' when it is not set. */
  function activeFilter(f) {
    if (f === 'date') return state.from || state.to ? monthName(state.from || monthsAll[0]) + ' – ' + monthName(state.to || monthsAll[monthsAll.length - 1]) : '';
    if (f === 'country') return state.country ? countryName(state.country) : '';
    if (f === 'segment') return state.segment;
    return state.band ? state.band + ' risk' : '';
  }
  /** What a card shows: the filters it follows with their values, and any active filter it does not follow. */
  function scopeText(follows) {
    var on = follows.map(activeFilter).filter(Boolean);
    var ignored = Object.keys(FILTERS).filter(function (f) { return follows.indexOf(f) < 0 && activeFilter(f); }).map(function (f) { return FILTERS[f]; });
    if (!follows.length) return 'Not filtered: whole period, all customers' + (ignored.length ? ' (ignores the ' + ignored.join(', ') + ' filter)' : '');
    var text = on.length ? 'Filtered: ' + on.join(' · ') : 'Follows the ' + follows.map(function (f) { return FILTERS[f]; }).join(', ') + ' filter';
    return text + (ignored.length ? '; not by ' + ignored.join(', ') : '');
  }

  /** A card; `follows` lists the global filters it follows, and its title says so (or that it follows none). */
  function card(parent, title, opts) {
    opts = opts || {};
    var box = el('article', { class: 'card' + (opts.wide ? ' wide' : ''), id: opts.id || '' }, null, parent);
    var h = el('h2', {}, title, box);
    scopeLabel(h, opts.follows || []);
    if (opts.note) el('p', { class: 'note' }, opts.note, box);
    return box;
  }
  function scopeLabel(parent, follows) {
    var s = el('span', { class: 'scope' + (follows.length ? ' follows' : ''), 'data-follows': follows.join(' ') }, null, parent);
    var upd = function () { s.textContent = scopeText(follows); };
    onFilter.push(upd); upd();
    return s;
  }

  function chart(parent, id, label, option, height) {
    var div = el('div', { class: 'chart', id: id, role: 'img', 'aria-label': label }, null, parent);
    div.style.height = (height || 320) + 'px';
    var c = echarts.init(div, null, { renderer: 'svg' });
    option.aria = { enabled: true, label: { description: label } };
    option.animation = false;
    c.setOption(option);
    charts.push(c);
    return c;
  }

  window.addEventListener('resize', function () { charts.forEach(function (c) { if (c.getDom().offsetParent) c.resize(); }); });

  var AXIS_MONEY = { type: 'value', axisLabel: { formatter: compactMoney } };
  function hbar(parent, id, label, items, format, colour, axisName) {
    var shown = items.slice().reverse();
    return chart(parent, id, label, {
      grid: { left: 8, right: 56, top: 8, bottom: 36, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: format, confine: true },
      xAxis: { type: 'value', name: axisName, nameLocation: 'middle', nameGap: 24, splitNumber: 4, axisLabel: { hideOverlap: true, formatter: format === money ? compactMoney : format } },
      yAxis: { type: 'category', data: shown.map(function (d) { return d.label; }), axisLabel: { width: 150, overflow: 'truncate' } },
      series: [{ type: 'bar', data: shown.map(function (d) { return d.value; }), itemStyle: { color: colour || '#2f6db5' }, label: { show: true, position: 'right', formatter: function (p) { return format === money ? compactMoney(p.value) : format(p.value); }, fontSize: 10 } }],
    }, Math.max(160, items.length * 24 + 60));
  }

  // ---- tables: sortable (buttons in headers), searchable, CSV download ---------------------------
  var SHOW_ROWS = 100;
  function table(parent, id, grid, opts) {
    opts = opts || {};
    var wrap = el('div', { class: 'table-card', id: id }, null, parent);
    var tools = el('div', { class: 'tools' }, null, wrap);
    var search = el('input', { type: 'search', placeholder: 'Search…', 'aria-label': 'Search this table' }, null, tools);
    var count = el('span', { class: 'count' }, null, tools);
    var download = el('button', { type: 'button', class: 'csv' }, 'Download CSV', tools);
    var scroller = el('div', { class: 'data-table' }, null, wrap);
    var t = el('table', { class: 'grid' }, null, scroller);
    var head = el('tr', {}, null, el('thead', {}, null, t));
    var body = el('tbody', {}, null, t);
    var sort = { col: -1, dir: 1 };
    var follows = opts.follows || [];
    var keyAt = function (k) { return grid.columns.findIndex(function (c) { return c.key === k; }); };
    var filterAt = { country: keyAt('country'), segment: keyAt('segment'), band: keyAt('risk_band'), date: keyAt(opts.dateKey || '') };
    var current = [];
    var all = decoded(grid).rows;
    /** A row passes the global filters this table follows (a filter on a column it lacks is not followed). */
    function passes(r) {
      return follows.every(function (f) {
        var i = filterAt[f];
        if (i < 0) return true;
        if (f === 'date') return !(state.from || state.to) || (r[i] !== null && inRange(String(r[i]).slice(0, 7)));
        var want = state[f];
        return !want || r[i] === want;
      });
    }
    // The search matches what a cell shows ("9 Dec 2011", "£1,234"), not the value underneath ("2011-12-09"):
    // a row is found by what the analyst reads. The text is built once per row, when first searched.
    var shown = new Map();
    function shownText(r) {
      var t = shown.get(r);
      if (t === undefined) { t = r.map(function (v, i) { return cellText(grid.columns[i], v); }).join('\u0001').toLowerCase(); shown.set(r, t); }
      return t;
    }
    function rows() {
      var needle = search.value.trim().toLowerCase();
      var out = all.filter(function (r) {
        if (!passes(r)) return false;
        return !needle || shownText(r).indexOf(needle) >= 0;
      });
      if (sort.col >= 0) {
        var i = sort.col;
        out.sort(function (a, b) { var x = a[i], y = b[i]; return (x === y ? 0 : x === null ? 1 : y === null ? -1 : x > y ? 1 : -1) * sort.dir; });
      }
      return out;
    }
    function fill() {
      current = rows();
      body.textContent = '';
      if (!current.length) el('td', { colspan: String(grid.columns.length), class: 'empty' }, 'No rows', el('tr', {}, null, body));
      current.slice(0, SHOW_ROWS).forEach(function (r) {
        var tr = el('tr', {}, null, body);
        r.forEach(function (v, i) { el('td', { class: typeof v === 'number' && !grid.columns[i].isId ? 'num' : '' }, cellText(grid.columns[i], v), tr); });
      });
      var of = grid.total && grid.total > grid.rows.length ? ' (top ' + integer(grid.rows.length) + ' of ' + integer(grid.total) + ')' : '';
      count.textContent = (current.length > SHOW_ROWS ? 'first ' + SHOW_ROWS + ' of ' : '') + integer(current.length) + ' rows' + of + '; the download holds all ' + integer(current.length);
      count.setAttribute('data-rows', String(current.length));
    }
    grid.columns.forEach(function (c, i) {
      var th = el('th', { scope: 'col', 'aria-sort': 'none' }, null, head);
      var b = el('button', { type: 'button', title: 'Sort by ' + c.label }, c.label, th);
      b.addEventListener('click', function () {
        sort.dir = sort.col === i ? -sort.dir : typeof (all[0] || [])[i] === 'number' ? -1 : 1;
        sort.col = i;
        head.querySelectorAll('th').forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
        th.setAttribute('aria-sort', sort.dir === 1 ? 'ascending' : 'descending');
        fill();
      });
    });
    search.addEventListener('input', fill);
    download.addEventListener('click', function () {
      var q = function (v) { var s = v === null || v === undefined ? '' : String(v); return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; };
      var lines = [grid.columns.map(function (c) { return q(c.label); }).join(',')].concat(current.map(function (r) { return r.map(q).join(','); }));
      var a = el('a', { href: URL.createObjectURL(new Blob([lines.join('\r\n') + '\r\n'], { type: 'text/csv' })), download: (opts.file || id) + '.csv' }, null, document.body);
      a.click();
      a.remove();
    });
    if (follows.length) onFilter.push(fill);
    fill();
    return wrap;
  }

  /** A grid with its dictionary cells (text parts stored once, data.ts) joined back; computed once per grid. */
  function decoded(grid) {
    if (grid.decoded) return grid;
    if (!grid.cache) grid.cache = { columns: grid.columns, total: grid.total, decoded: true, rows: grid.rows.map(function (r) {
      return r.map(function (v, i) {
        var d = grid.columns[i].dict;
        return !d || v === null ? v : Array.isArray(v) ? v.map(function (j) { return d[j]; }).join('; ') : d[v];
      });
    }) };
    return grid.cache;
  }
  /** The customer rows a list shows (positions chosen in data.ts) with the columns it names. */
  function customerView(view) {
    var g = decoded(data.customers.grid);
    var at = view.keys.map(function (k) { return g.columns.findIndex(function (c) { return c.key === k; }); }).filter(function (i) { return i >= 0; });
    return { decoded: true, columns: at.map(function (i) { return g.columns[i]; }), rows: view.rows.map(function (n) { return at.map(function (i) { return g.rows[n][i]; }); }) };
  }

  // ---- overview ----------------------------------------------------------------------------------
  /** A KPI's small trend: full months only, values readable by tap (tooltip), no axes. */
  function sparkline(parent, k) {
    var f = FORMATS[k.format];
    var c = chart(parent, 'spark-' + k.name.toLowerCase().replace(/[^a-z]+/g, '-'), k.name + ' by month', {
      grid: { left: 2, right: 2, top: 3, bottom: 3 },
      tooltip: { trigger: 'axis', confine: true, valueFormatter: f, formatter: function (p) { return monthName(k.trend.months[p[0].dataIndex]) + ': ' + f(p[0].value); } },
      xAxis: { type: 'category', show: false, data: k.trend.months, boundaryGap: false },
      yAxis: { type: 'value', show: false, scale: true },
      series: [{ type: 'line', data: k.trend.values, showSymbol: false, lineStyle: { width: 1.5, color: '#2f6db5' }, areaStyle: { color: 'rgba(47,109,181,.12)' } }],
    }, 34);
    c.getDom().classList.add('kpi-spark');
  }

  /** The filters a KPI card follows: sales figures that add up over countries and months, model figures over customers. */
  function kpiFollows(k) { return k.additive && data.countryMonthly ? ['date', 'country'] : k.customers && data.customers ? CUSTOMER_FILTERS : []; }

  /** A KPI card's value under the filters it follows, from the sums and rows data.ts declares for it. */
  function kpiValue(k) {
    var a = k.additive;
    if (a && data.countryMonthly && (state.from || state.to || state.country)) {
      var sum = 0, per = 0;
      data.countryMonthly.forEach(function (m) {
        if (inRange(m.month) && (!state.country || m.country === state.country)) { sum += m[a.sum]; if (a.per) per += m[a.per]; }
      });
      return a.per ? (per ? sum / per : null) : sum;
    }
    var c = k.customers;
    if (c && data.customers && (state.country || state.segment || state.band)) {
      var g = decoded(data.customers.grid);
      var at = function (key) { return g.columns.findIndex(function (x) { return x.key === key; }); };
      var filterAt = { country: at('country'), segment: at('segment'), band: at('risk_band') };
      var rows = c.rows === 'all' ? g.rows.map(function (_r, i) { return i; }) : (data.customers[c.rows] || { rows: [] }).rows;
      var col = c.sum ? at(c.sum) : -1;
      var total = 0;
      rows.forEach(function (n) {
        var r = g.rows[n];
        if (CUSTOMER_FILTERS.some(function (f) { return state[f] && r[filterAt[f]] !== state[f]; })) return;
        total += col >= 0 ? Number(r[col] || 0) : 1;
      });
      return total;
    }
    return k.value;
  }
  function kpiText(k, v) { return v === null ? '—' : k.format === 'money' && Math.abs(v) >= 1e5 ? compactMoney(v) : FORMATS[k.format](v); }

  builders.overview = function (root) {
    var kbox = el('div', { class: 'kpis wide', id: 'kpis' }, null, root);
    data.kpis.forEach(function (k) {
      var div = el('div', { class: 'kpi', title: k.description, tabindex: '0', 'data-kpi': k.name }, null, kbox);
      el('div', { class: 'kpi-name' }, k.name, div);
      var value = el('div', { class: 'kpi-value' }, kpiText(k, k.value), div);
      onFilter.push(function () { value.textContent = kpiText(k, kpiValue(k)); });
      scopeLabel(div, kpiFollows(k));
      var ch = k.trend && k.trend.change;
      if (ch) {
        var d = ch.ratio;
        // A rate's change is in points, not a percent of a percent.
        var size = k.format === 'percent' ? (Math.abs(k.trend.values[k.trend.values.length - 1] - k.trend.values[k.trend.values.length - 2]) * 100).toFixed(1) + ' pts' : percent(Math.abs(d));
        var changeText = (d > 0 ? '▲ ' : d < 0 ? '▼ ' : '= ') + size + ' ' + monthName(ch.month) + ' vs ' + monthName(ch.previous);
        var change = el('div', { class: 'kpi-change ' + (d > 0 ? 'up' : d < 0 ? 'down' : 'flat') }, changeText, div);
        // The change and the sparkline are of all the data: said so while a filter narrows the value above them.
        onFilter.push(function () { change.textContent = changeText + (state.from || state.to || state.country ? ' (all data)' : ''); });
      }
      if (k.trend) sparkline(div, k);
      else if (k.snapshot) el('div', { class: 'kpi-change flat' }, k.snapshot, div);
      el('div', { class: 'kpi-desc' }, k.description, div);
    });
    if (data.monthly) {
      var box = card(root, 'Net revenue by month', { wide: true, follows: ['date', 'country'], id: 'card-monthly', note: partialNote() });
      var c = chart(box, 'chart-monthly', 'Net revenue by month', {}, 320);
      var draw = function () { c.setOption(monthlyOption(), true); };
      onFilter.push(draw); draw();
    }
    if (data.countries) {
      var top = card(root, 'Top countries by net revenue', { follows: ['date'] });
      var topItems = function () { return countriesInRange().slice(0, 8).map(function (x) { return { label: x.name, value: x.net }; }); };
      var tc = hbar(top, 'chart-top-countries', 'Top countries by net revenue', topItems(), money, '#2f6db5', 'Net revenue (£)');
      onFilter.push(function () { var items = topItems().reverse(); tc.setOption({ yAxis: { data: items.map(function (d) { return d.label; }) }, series: [{ data: items.map(function (d) { return d.value; }) }] }); });
    }
    if (data.products) {
      var p = card(root, 'Best sellers by net revenue', { note: 'Products only: postage, fees and manual lines are not ranked.' });
      hbar(p, 'chart-overview-products', 'Top products by net revenue', productItems(8), money, '#4f9a62', 'Net revenue (£)');
    }
  };

  function partialNote() {
    var p = (data.monthly || []).filter(function (m) { return m.partial; }).map(function (m) { return monthName(m.month); });
    return p.length ? p.join(', ') + ': the data ends part-way through the month (' + (data.period ? 'last day ' + dayName(data.period.to) : 'partial') + '); drawn hatched, not a drop.' : '';
  }

  /** Countries with their net revenue and orders in the date range (the monthly country mart summed), largest first. */
  function countriesInRange() {
    if (!(state.from || state.to) || !data.countryMonthly) return data.countries;
    var sums = {};
    data.countryMonthly.forEach(function (m) { if (inRange(m.month)) { var x = sums[m.country] || (sums[m.country] = { net: 0, orders: 0 }); x.net += m.net; x.orders += m.orders; } });
    return data.countries.map(function (c) { var x = sums[c.country] || { net: 0, orders: 0 }; return Object.assign({}, c, { net: x.net, orders: x.orders }); })
      .sort(function (a, b) { return b.net - a.net; });
  }

  function monthlyOption() {
    var rows;
    if (state.country && data.countryMonthly) {
      var partial = {};
      data.monthly.forEach(function (m) { partial[m.month] = m.partial; });
      rows = data.countryMonthly.filter(function (m) { return m.country === state.country; }).map(function (m) { return { month: m.month, net: m.net, orders: m.orders, partial: !!partial[m.month] }; });
    } else rows = data.monthly;
    rows = rows.filter(function (m) { return inRange(m.month); });
    return {
      grid: { left: 8, right: 16, top: 28, bottom: 40, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: money, confine: true },
      xAxis: { type: 'category', data: rows.map(function (m) { return monthName(m.month) + (m.partial ? ' (partial)' : ''); }), name: 'Month', nameLocation: 'middle', nameGap: 28, axisLabel: { hideOverlap: true } },
      yAxis: Object.assign({ name: 'Net revenue (£)' }, AXIS_MONEY),
      series: [{
        type: 'bar', name: 'Net revenue',
        data: rows.map(function (m) { return m.partial ? { value: m.net, itemStyle: { color: '#b9c9de', decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: -0.7, color: '#2f6db5' } } } : m.net; }),
        itemStyle: { color: '#2f6db5' },
      }],
    };
  }

  function productItems(n) {
    var cols = data.products.columns.map(function (c) { return c.key; });
    var code = cols.indexOf('stock_code'), desc = cols.indexOf('description'), net = cols.indexOf('net_amount');
    return data.products.rows.slice(0, n).map(function (r) { return { label: r[code] + ' · ' + (r[desc] || ''), value: r[net] }; });
  }

  // ---- countries --------------------------------------------------------------------------------
  builders.countries = function (root) {
    if (!data.countries) return;
    var box = card(root, 'Net revenue by country', { wide: true, id: 'card-map', follows: ['date'], note: 'Click a country to filter by it. Darker = more net revenue.' });
    var layout = el('div', { class: 'map-layout' }, null, box);
    var mapDiv = el('div', {}, null, layout);
    var geo = topojson.feature(world, world.objects.countries);
    var shapes = {};
    geo.features.forEach(function (f) { if (f.id) { f.properties = { name: f.id }; shapes[f.id] = true; } });
    geo.features = geo.features.filter(function (f) { return f.id && f.id !== 'ATA'; });
    geo.features.forEach(unwrapAntimeridian);
    echarts.registerMap('world', geo);
    var byIso = {};
    var mapRows = function () { byIso = {}; var rows = countriesInRange(); rows.forEach(function (x) { if (x.iso3) byIso[x.iso3] = x; }); return rows; };
    var mapData = function (rows) { return rows.filter(function (x) { return x.iso3 && shapes[x.iso3]; }).map(function (x) { return { name: x.iso3, value: x.net }; }); };
    var shown = mapRows();
    var views = el('div', { class: 'tools', role: 'group', 'aria-label': 'Map view' }, null, mapDiv);
    var mapHeight = Math.round(Math.min(440, Math.max(240, mapDiv.clientWidth * 0.55 + 50)));
    var c = chart(mapDiv, 'chart-map', 'World map of net revenue by country', {
      tooltip: { trigger: 'item', confine: true, formatter: function (p) { var x = byIso[p.name]; return x ? x.name + '<br>' + money(x.net) + '<br>' + integer(x.orders) + ' orders' : ''; } },
      visualMap: { type: 'piecewise', orient: 'horizontal', left: 'center', bottom: 0, itemWidth: 12, itemGap: 6, textStyle: { fontSize: 10 }, pieces: [
        { min: 1e6, label: '£1M+' }, { min: 1e5, max: 1e6, label: '£100k–1M' }, { min: 2e4, max: 1e5, label: '£20k–100k' }, { min: 5e3, max: 2e4, label: '£5k–20k' }, { max: 5e3, label: 'under £5k' }],
        inRange: { color: ['#dbe6f3', '#9fbfe0', '#5d93c9', '#2f6db5', '#173d6b'] } },
      series: [{ type: 'map', map: 'world', roam: true, selectedMode: 'single', nameProperty: 'name', top: 8, bottom: 36, scaleLimit: { min: 1, max: 12 }, itemStyle: { areaColor: '#eef0f3', borderColor: '#9aa5b1', borderWidth: 0.4 },
        emphasis: { label: { show: false }, itemStyle: { areaColor: '#d08b2c' } }, select: { label: { show: false }, itemStyle: { areaColor: '#d08b2c' } },
        data: mapData(shown) }],
    }, mapHeight);
    onFilter.push(function () { c.setOption({ series: [{ data: mapData(mapRows()) }] }); });
    [['World', null, 1], ['Europe', [12, 52], 4.2]].forEach(function (v) {
      var b = el('button', { type: 'button' }, v[0], views);
      b.addEventListener('click', function () { c.setOption({ series: [{ center: v[1], zoom: v[2] }] }); });
    });
    c.on('click', function (p) { var x = byIso[p.name]; if (x) setCountry(state.country === x.country ? '' : x.country); });
    var side = el('div', { class: 'unmapped', id: 'unmapped' }, null, layout);
    el('h3', {}, 'Not on the map', side);
    el('p', { class: 'note' }, 'No country shape: a name that is not a country, or a country too small for this scale.', side);
    var ul = el('ul', {}, null, side);
    var unmapped = function () {
      ul.textContent = '';
      countriesInRange().filter(function (x) { return !x.iso3 || !shapes[x.iso3]; }).forEach(function (x) {
        var li = el('li', {}, null, ul);
        var b = el('button', { type: 'button', class: 'link' }, x.name, li);
        b.addEventListener('click', function () { setCountry(x.country); });
        el('span', { class: 'num' }, ' ' + money(x.net), li);
      });
    };
    unmapped();
    onFilter.push(unmapped);
    onFilter.push(function () {
      var x = data.countries.find(function (k) { return k.country === state.country; });
      c.dispatchAction({ type: 'unselect', seriesIndex: 0, name: Object.keys(byIso) });
      if (x && x.iso3) c.dispatchAction({ type: 'select', seriesIndex: 0, name: x.iso3 });
    });
    var t = card(root, 'Countries', { wide: true });
    table(t, 'table-countries', data.countryTable, { file: 'countries' });
  };

  /**
   * Russia and Fiji have rings that run from 180°E on to -180°: drawn as read, they cut a line across
   * the map. Such a ring's western longitudes are moved past 180° so that it stays in one piece.
   */
  function unwrapAntimeridian(f) {
    var polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : [];
    polygons.forEach(function (poly) {
      poly.forEach(function (ring) {
        var xs = ring.map(function (p) { return p[0]; });
        if (Math.max.apply(null, xs) - Math.min.apply(null, xs) > 180) ring.forEach(function (p) { if (p[0] < 0) p[0] += 360; });
      });
    });
  }

  // ---- products ---------------------------------------------------------------------------------
  builders.products = function (root) {
    if (!data.products) return;
    var b = card(root, 'Best sellers by net revenue', { note: 'Net revenue = sales minus matched cancellations. Service lines (postage, manual, fees) excluded.' });
    hbar(b, 'chart-products', 'Top 15 products by net revenue', productItems(15), money, '#4f9a62', 'Net revenue (£)');
    if (data.cancellations) {
      var cc = card(root, 'Highest cancellation rates', { note: 'Share of sales value cancelled; only products sold on at least ' + data.cancellations.floor + ' order lines.' });
      hbar(cc, 'chart-cancellations', 'Products with the highest cancellation rates', data.cancellations.rows.map(function (r) { return { label: r.product, value: r.rate }; }), percent, '#c0504d', 'Cancelled share of sales value');
    }
    var t = card(root, 'Products by net revenue', { wide: true });
    table(t, 'table-products', data.products, { file: 'products' });
  };

  // ---- customers --------------------------------------------------------------------------------
  builders.customers = function (root) {
    if (data.customers) lookupCard(root);
    if (data.segments) {
      var s = card(root, 'Customers by RFM segment', { note: 'RFM: recency, frequency and monetary value of each customer, scored 1–5.' });
      hbar(s, 'chart-segments', 'Customers by RFM segment', data.segments.map(function (x) { return { label: x.segment, value: x.customers }; }), integer, '#4f9a62', 'Customers');
      var r = card(root, 'Spend by RFM segment', {});
      hbar(r, 'chart-segment-revenue', 'Spend by RFM segment', data.segments.map(function (x) { return { label: x.segment, value: x.revenue }; }), money, '#4f9a62', 'Net spend (£)');
    }
    if (data.cohorts && data.cohorts.length) {
      var co = card(root, 'Cohort retention', { wide: true, note: 'Share of each first-purchase month\'s customers who bought again n months later. Cells in a partial month are outlined, not a drop.' });
      var cohorts = [], periods = [];
      // Month 0 is 100% by definition: left out so the colour scale shows the months after.
      data.cohorts.forEach(function (d) { if (d.period > 0 && cohorts.indexOf(d.cohort) < 0) cohorts.push(d.cohort); if (d.period > 0 && periods.indexOf(d.period) < 0) periods.push(d.period); });
      periods.sort(function (a, b) { return a - b; });
      chart(co, 'chart-cohorts', 'Cohort retention heat map', {
        grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
        tooltip: { confine: true, formatter: function (p) { return monthName(cohorts[p.value[1]]) + ', month ' + periods[p.value[0]] + ': ' + percent(p.value[2]) + (p.data.partial ? ' (partial month)' : ''); } },
        xAxis: { type: 'category', data: periods, name: 'Months since first purchase', nameLocation: 'middle', nameGap: 24 },
        yAxis: { type: 'category', data: cohorts.map(monthName), inverse: true },
        visualMap: { min: 0, max: 0.5, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, text: ['50% or more', '0%'], inRange: { color: ['#f3f6fa', '#2f6db5'] } },
        series: [{ type: 'heatmap', data: data.cohorts.filter(function (d) { return d.period > 0; }).map(function (d) {
          return { value: [periods.indexOf(d.period), cohorts.indexOf(d.cohort), d.retention], partial: d.partial, itemStyle: d.partial ? { borderColor: '#d08b2c', borderWidth: 2, borderType: 'dashed' } : undefined };
        }) }],
      }, Math.max(280, cohorts.length * 22 + 90));
    }
    if (data.clusters) table(card(root, 'Customer personas (K-Means clusters)', { wide: true }), 'table-clusters', data.clusters, { file: 'personas' });
  };

  /** Customer lookup by id: every column of the customer's row (segment, persona, churn risk, value, last purchase, products). */
  function lookupCard(root) {
    var box = card(root, 'Customer lookup', { id: 'card-lookup', note: 'Any customer by id, whatever the filters.' });
    box.classList.add('lookup');
    var form = el('form', { role: 'search' }, null, box);
    var input = el('input', { type: 'search', id: 'customer-lookup', inputmode: 'numeric', placeholder: 'Customer ID, e.g. ' + (data.customers.grid.rows[0] || [''])[0], 'aria-label': 'Customer ID' }, null, form);
    el('button', { type: 'submit' }, 'Look up', form);
    var out = el('div', { id: 'lookup-result', 'aria-live': 'polite' }, null, box);
    var g = decoded(data.customers.grid);
    var byId = {};
    g.rows.forEach(function (r) { byId[String(r[0])] = r; });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      out.textContent = '';
      var id = input.value.trim();
      var r = byId[id];
      if (!r) { el('p', { class: 'note' }, id ? 'No customer with id ' + id + '.' : 'Type a customer id.', out); return; }
      var dl = el('dl', {}, null, out);
      g.columns.forEach(function (c, i) { el('dt', {}, c.label, dl); el('dd', {}, cellText(c, r[i]) || '—', dl); });
    });
  }

  // ---- churn and value --------------------------------------------------------------------------
  var BAND_COLOURS = { High: '#c0504d', Medium: '#d08b2c', Low: '#4f9a62' };
  builders.churn = function (root) {
    if (data.churn) {
      var b = card(root, 'Customers by churn risk', { note: data.churn.quality || '' });
      chart(b, 'chart-churn-bands', 'Customers by churn risk band', {
        grid: { left: 8, right: 40, top: 8, bottom: 36, containLabel: true }, tooltip: { trigger: 'axis', valueFormatter: integer, confine: true },
        xAxis: { type: 'value', name: 'Customers', nameLocation: 'middle', nameGap: 24 },
        yAxis: { type: 'category', data: data.churn.bands.map(function (x) { return x.band + ' risk'; }).reverse() },
        series: [{ type: 'bar', data: data.churn.bands.slice().reverse().map(function (x) { return { value: x.customers, itemStyle: { color: BAND_COLOURS[x.band] } }; }), label: { show: true, position: 'right', formatter: function (p) { return integer(p.value); } } }],
      }, 200);
    }
    if (data.lifetime) {
      var l = card(root, 'Expected spend in the next 90 days', { note: 'Customer lifetime value over 90 days (BG/NBD and Gamma-Gamma models), customers per band.' });
      chart(l, 'chart-lifetime', 'Distribution of expected 90-day spend', {
        grid: { left: 8, right: 16, top: 32, bottom: 24, containLabel: true }, tooltip: { trigger: 'axis', valueFormatter: integer, confine: true },
        xAxis: { type: 'category', data: data.lifetime.bins.map(function (x) { return x.label; }), name: 'Expected 90-day spend', nameLocation: 'middle', nameGap: 56, axisLabel: { interval: 0, rotate: 30, fontSize: 10 } },
        yAxis: { type: 'value', name: 'Customers' },
        series: [{ type: 'bar', data: data.lifetime.bins.map(function (x) { return x.customers; }), itemStyle: { color: '#2f6db5' } }],
      }, 260);
    }
    var cu = data.customers;
    if (cu && cu.atRisk.rows.length) {
      var a = card(root, 'Valuable customers at risk', { wide: true, follows: CUSTOMER_FILTERS, note: cu.atRisk.definition + ' Ranked by value at stake = expected 90-day spend × churn probability.' });
      table(a, 'table-at-risk', customerView(cu.atRisk), { follows: CUSTOMER_FILTERS, file: 'customers-at-risk' });
    }
    if (cu && cu.highValue) {
      var h = card(root, 'High-value customers', { wide: true, follows: CUSTOMER_FILTERS, note: cu.highValue.definition + ' Ranked by expected spend in the next 90 days.' });
      table(h, 'table-high-value', customerView(cu.highValue), { follows: CUSTOMER_FILTERS, file: 'high-value-customers' });
    }
  };

  // ---- campaigns --------------------------------------------------------------------------------
  builders.campaigns = function (root) {
    var a = data.actions;
    if (!a) return;
    if (a.campaigns.length) {
      var c1 = card(root, 'Customers per campaign action', {});
      hbar(c1, 'chart-campaign-customers', 'Customers per campaign action', a.campaigns.map(function (x) { return { label: x.action, value: x.customers }; }), integer, '#2f6db5', 'Customers');
      var c2 = card(root, 'Value at stake per campaign action', { note: 'Expected 90-day spend × churn probability, summed over the action\'s customers.' });
      hbar(c2, 'chart-campaign-value', 'Value at stake per campaign action', a.campaigns.map(function (x) { return { label: x.action, value: x.atStake }; }), money, '#c0504d', 'Value at stake (£)');
    }
    if (data.customers) table(card(root, 'Campaign list', { wide: true, follows: CUSTOMER_FILTERS, note: 'Every scored customer with the suggested action; the download holds the whole list (or what the search and filters leave).' }), 'table-campaigns', data.customers.grid, { follows: CUSTOMER_FILTERS, file: 'campaign-list' });
    if (a.rules) table(card(root, 'Products bought together', { wide: true, note: 'Association rules: customers who buy the first often buy the second (lift = how much more often than chance).' }), 'table-rules', a.rules, { file: 'product-associations' });
  };

  // ---- forecasts --------------------------------------------------------------------------------
  builders.forecasts = function (root) {
    var series = data.actions && data.actions.demand;
    if (!series) return;
    var box = card(root, 'Weekly demand: actual and forecast', { wide: true, note: 'Units per week; the shaded band is the forecast\'s 80% interval.' });
    var pick = el('select', { id: 'forecast-series', 'aria-label': 'Series' }, null, box);
    series.forEach(function (s, i) { el('option', { value: String(i) }, s.label, pick); });
    var c = chart(box, 'chart-forecast', 'Weekly demand with forecast', {}, 340);
    var draw = function () {
      var s = series[Number(pick.value) || 0];
      var weeks = s.actual.map(function (x) { return x[0]; }).concat(s.forecast.map(function (x) { return x[0]; }));
      var at = function (list, i) { var m = {}; list.forEach(function (x) { m[x[0]] = x[i]; }); return weeks.map(function (w) { return w in m ? m[w] : null; }); };
      var lower = at(s.forecast, 2), upper = at(s.forecast, 3);
      c.setOption({
        grid: { left: 8, right: 16, top: 32, bottom: 40, containLabel: true }, legend: { top: 0, data: ['Actual', '80% interval', 'Forecast'] }, tooltip: { trigger: 'axis', confine: true, valueFormatter: function (v) { return v === null || v === undefined ? '—' : integer(v); } },
        xAxis: { type: 'category', data: weeks.map(dayName), name: 'Week starting', nameLocation: 'middle', nameGap: 28, axisLabel: { hideOverlap: true } },
        yAxis: { type: 'value', name: 'Units' },
        series: [
          { name: 'Actual', type: 'line', data: at(s.actual, 1), showSymbol: false, itemStyle: { color: '#2f6db5' } },
          { name: 'Interval low', type: 'line', data: lower, stack: 'band', lineStyle: { opacity: 0 }, showSymbol: false, tooltip: { show: false } },
          { name: '80% interval', type: 'line', data: upper.map(function (u, i) { return u === null ? null : u - lower[i]; }), stack: 'band', lineStyle: { opacity: 0 }, areaStyle: { color: 'rgba(208,139,44,.25)' }, showSymbol: false },
          { name: 'Forecast', type: 'line', data: at(s.forecast, 1), lineStyle: { type: 'dashed' }, itemStyle: { color: '#d08b2c' } },
        ],
      }, true);
    };
    pick.addEventListener('change', draw);
    draw();
  };

  // ---- data quality -----------------------------------------------------------------------------
  builders.quality = function (root) {
    var kbox = el('div', { class: 'kpis wide', id: 'pipeline-kpis' }, null, root);
    data.pipelineKpis.forEach(function (k) {
      var div = el('div', { class: 'kpi', title: k.description, tabindex: '0' }, null, kbox);
      el('div', { class: 'kpi-name' }, k.name, div);
      el('div', { class: 'kpi-value' }, k.value === null ? '—' : FORMATS[k.format](k.value), div);
    });
    var q = data.quality;
    if (q) {
      if (q.rules.length) {
        var r = card(root, 'Cleaning rules', { note: 'Input lines each rule touched.' });
        hbar(r, 'chart-cleaning-rules', 'Lines per cleaning rule', q.rules.map(function (x) { return { label: x.rule + ' (' + x.action + ')', value: x.lines }; }), integer, '#7a6fb0', 'Lines');
      }
      if (q.reasons.length) {
        var qr = card(root, 'Quarantined lines by reason', {});
        hbar(qr, 'chart-quarantine', 'Quarantined lines by reason', q.reasons.map(function (x) { return { label: x.reason, value: x.lines }; }), integer, '#c0504d', 'Lines');
      }
      table(card(root, 'Files loaded', { wide: true }), 'table-audit', q.audit, { file: 'load-audit' });
    }
    if (data.anomalies) table(card(root, 'Anomalies', { wide: true, follows: ['date', 'country'], note: 'Unusual country days (revenue, cancellations) and unusual customers; each row states its rule. With a date or country filter, rows without a date or country are left out.' }), 'table-anomalies', data.anomalies, { follows: ['date', 'country'], dateKey: 'anomaly_date', file: 'anomalies' });
    if (q && q.profile) table(card(root, 'Column profile of the staged lines', { wide: true }), 'table-profile', q.profile, { file: 'column-profile' });
    if (q && q.runs) table(card(root, 'Refresh history', { wide: true }), 'table-runs', q.runs, { file: 'refresh-history' });
  };

  // ---- header and filter ------------------------------------------------------------------------
  var FILTER_SELECTS = { from: 'filter-from', to: 'filter-to', country: 'country-filter', segment: 'segment-filter', band: 'band-filter' };
  /** Sets filters (a partial state), mirrors them in the selects and redraws every card that follows them. */
  function setFilters(next) {
    Object.keys(next).forEach(function (k) { state[k] = next[k]; document.getElementById(FILTER_SELECTS[k]).value = next[k]; });
    // A range given backwards is read the right way round.
    if (state.from && state.to && state.from > state.to) { var f = state.from; setFilters({ from: state.to, to: f }); return; }
    onFilter.forEach(function (f) { f(); });
  }
  function setCountry(country) { setFilters({ country: country }); }
  // On a phone the filters fold away under one line that counts the active ones, so the first chart is not a screen down.
  var filtersBox = document.getElementById('filters-box');
  if (window.matchMedia && window.matchMedia('(max-width: 700px)').matches) filtersBox.open = false;
  onFilter.push(function () {
    var active = Object.keys(FILTERS).filter(function (f) { return activeFilter(f); }).length;
    document.getElementById('filters-summary').textContent = 'Filters' + (active ? ' · ' + active + ' active' : '');
  });
  monthsAll.forEach(function (m) {
    el('option', { value: m }, monthName(m), document.getElementById('filter-from'));
    el('option', { value: m }, monthName(m), document.getElementById('filter-to'));
  });
  (data.countries || []).forEach(function (c) { el('option', { value: c.country }, c.name, document.getElementById('country-filter')); });
  (data.segments || []).forEach(function (x) { el('option', { value: x.segment }, x.segment, document.getElementById('segment-filter')); });
  (data.churn ? data.churn.bands : []).forEach(function (x) { el('option', { value: x.band }, x.band, document.getElementById('band-filter')); });
  Object.keys(FILTER_SELECTS).forEach(function (k) {
    var select = document.getElementById(FILTER_SELECTS[k]);
    select.addEventListener('change', function () { var n = {}; n[k] = select.value; setFilters(n); });
  });
  document.getElementById('filters').addEventListener('reset', function (e) { e.preventDefault(); setFilters({ from: '', to: '', country: '', segment: '', band: '' }); });
  var meta = document.getElementById('meta');
  var refreshed = new Date(data.refreshedAt);
  meta.textContent = (data.period ? 'Sales ' + dayName(data.period.from) + ' – ' + dayName(data.period.to) + ' · ' : '') +
    'refreshed ' + refreshed.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  meta.title = 'Refresh ' + data.refreshId;

  var first = (location.hash || '').slice(1);
  show(SECTIONS.some(function (s) { return s[0] === first; }) ? first : 'overview');
  // Time from navigation start to the first tab drawn, for the render budget.
  document.body.setAttribute('data-rendered-ms', String(Math.round(performance.now())));
  document.body.setAttribute('data-rendered', 'true');
})();
