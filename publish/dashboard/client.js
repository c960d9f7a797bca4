// Builds the dashboard from the JSON embedded in the page. Charts are Apache ECharts option objects
// (inlined in the page, no network); this file only shapes data, lays out cards and tables.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('dashboard-data').textContent);
  var world = JSON.parse(document.getElementById('world-data').textContent);
  var state = { country: '' };
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

  /** A card; `scope` says whether it follows the country filter. */
  function card(parent, title, opts) {
    opts = opts || {};
    var box = el('article', { class: 'card' + (opts.wide ? ' wide' : ''), id: opts.id || '' }, null, parent);
    var h = el('h2', {}, title, box);
    if (opts.scope) {
      var s = el('span', { class: 'scope' + (opts.scope === 'filter' ? ' follows' : '') }, null, h);
      if (opts.scope === 'filter') {
        s.setAttribute('data-follows-filter', 'true');
        var upd = function () { s.textContent = state.country ? state.country : 'All countries (follows the filter)'; };
        onFilter.push(upd); upd();
      } else s.textContent = 'All countries';
    }
    if (opts.note) el('p', { class: 'note' }, opts.note, box);
    return box;
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
    var countryAt = grid.columns.findIndex(function (c) { return c.key === 'country'; });
    var current = [];
    var all = grid.rows.map(function (r) {
      return r.map(function (v, i) {
        var d = grid.columns[i].dict;
        return !d || v === null ? v : Array.isArray(v) ? v.map(function (j) { return d[j]; }).join('; ') : d[v];
      });
    });
    function rows() {
      var needle = search.value.trim().toLowerCase();
      var out = all.filter(function (r) {
        if (opts.followsFilter && state.country && countryAt >= 0 && r[countryAt] !== state.country) return false;
        return !needle || r.some(function (v) { return v !== null && String(v).toLowerCase().indexOf(needle) >= 0; });
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
    if (opts.followsFilter) onFilter.push(fill);
    fill();
    return wrap;
  }

  // ---- overview ---------------------------------------------------------------------------------
  /** Last complete month against the one before, from the monthly mart (partial months left out). */
  function monthChange() {
    var full = (data.monthly || []).filter(function (m) { return !m.partial; });
    if (full.length < 2) return null;
    return { now: full[full.length - 1], before: full[full.length - 2] };
  }
  var CHANGE = { 'Net Revenue': 'net', 'Total Orders': 'orders', 'Total Customers': 'customers', 'Average Order Value': 'aov' };

  builders.overview = function (root) {
    var kbox = el('div', { class: 'kpis wide', id: 'kpis' }, null, root);
    var ch = monthChange();
    data.kpis.forEach(function (k) {
      var div = el('div', { class: 'kpi', title: k.description, tabindex: '0' }, null, kbox);
      el('div', { class: 'kpi-name' }, k.name, div);
      var v = k.value === null ? '—' : k.format === 'money' && Math.abs(k.value) >= 1e5 ? compactMoney(k.value) : FORMATS[k.format](k.value);
      el('div', { class: 'kpi-value' }, v, div);
      var key = CHANGE[k.name];
      if (ch && key) {
        var pick = function (m) { return key === 'aov' ? m.gross / Math.max(1, m.orders) : m[key]; };
        var d = pick(ch.now) / pick(ch.before) - 1;
        el('div', { class: 'kpi-change ' + (d >= 0 ? 'up' : 'down') }, (d >= 0 ? '▲ ' : '▼ ') + percent(Math.abs(d)) + ' ' + monthName(ch.now.month) + ' vs ' + monthName(ch.before.month), div);
      }
      el('div', { class: 'kpi-desc' }, k.description, div);
    });
    if (data.monthly) {
      var box = card(root, 'Net revenue by month', { wide: true, scope: 'filter', id: 'card-monthly', note: partialNote() });
      var c = chart(box, 'chart-monthly', 'Net revenue by month', {}, 320);
      var draw = function () { c.setOption(monthlyOption(), true); };
      onFilter.push(draw); draw();
    }
    if (data.countries) {
      var top = card(root, 'Top countries by net revenue', { scope: 'all' });
      hbar(top, 'chart-top-countries', 'Top countries by net revenue', data.countries.slice(0, 8).map(function (x) { return { label: x.name, value: x.net }; }), money, '#2f6db5', 'Net revenue (£)');
    }
    if (data.products) {
      var p = card(root, 'Best sellers by net revenue', { scope: 'all', note: 'Products only: postage, fees and manual lines are not ranked.' });
      hbar(p, 'chart-overview-products', 'Top products by net revenue', productItems(8), money, '#4f9a62', 'Net revenue (£)');
    }
  };

  function partialNote() {
    var p = (data.monthly || []).filter(function (m) { return m.partial; }).map(function (m) { return monthName(m.month); });
    return p.length ? p.join(', ') + ': the data ends part-way through the month (' + (data.period ? 'last day ' + dayName(data.period.to) : 'partial') + '); drawn hatched, not a drop.' : '';
  }

  function monthlyOption() {
    var rows;
    if (state.country && data.countryMonthly) {
      var partial = {};
      data.monthly.forEach(function (m) { partial[m.month] = m.partial; });
      rows = data.countryMonthly.filter(function (m) { return m.country === state.country; }).map(function (m) { return { month: m.month, net: m.net, orders: m.orders, partial: !!partial[m.month] }; });
    } else rows = data.monthly;
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
    var box = card(root, 'Net revenue by country', { wide: true, id: 'card-map', note: 'Click a country to filter. Darker = more net revenue.' });
    var layout = el('div', { class: 'map-layout' }, null, box);
    var mapDiv = el('div', {}, null, layout);
    var geo = topojson.feature(world, world.objects.countries);
    var shapes = {};
    geo.features.forEach(function (f) { if (f.id) { f.properties = { name: f.id }; shapes[f.id] = true; } });
    geo.features = geo.features.filter(function (f) { return f.id && f.id !== 'ATA'; });
    geo.features.forEach(unwrapAntimeridian);
    echarts.registerMap('world', geo);
    var byIso = {};
    data.countries.forEach(function (c) { if (c.iso3) byIso[c.iso3] = c; });
    var views = el('div', { class: 'tools', role: 'group', 'aria-label': 'Map view' }, null, mapDiv);
    var mapHeight = Math.round(Math.min(440, Math.max(240, mapDiv.clientWidth * 0.55 + 50)));
    var c = chart(mapDiv, 'chart-map', 'World map of net revenue by country', {
      tooltip: { trigger: 'item', confine: true, formatter: function (p) { var x = byIso[p.name]; return x ? x.name + '<br>' + money(x.net) + '<br>' + integer(x.orders) + ' orders' : ''; } },
      visualMap: { type: 'piecewise', orient: 'horizontal', left: 'center', bottom: 0, itemWidth: 12, itemGap: 6, textStyle: { fontSize: 10 }, pieces: [
        { min: 1e6, label: '£1M+' }, { min: 1e5, max: 1e6, label: '£100k–1M' }, { min: 2e4, max: 1e5, label: '£20k–100k' }, { min: 5e3, max: 2e4, label: '£5k–20k' }, { max: 5e3, label: 'under £5k' }],
        inRange: { color: ['#dbe6f3', '#9fbfe0', '#5d93c9', '#2f6db5', '#173d6b'] } },
      series: [{ type: 'map', map: 'world', roam: true, selectedMode: 'single', nameProperty: 'name', top: 8, bottom: 36, scaleLimit: { min: 1, max: 12 }, itemStyle: { areaColor: '#eef0f3', borderColor: '#9aa5b1', borderWidth: 0.4 },
        emphasis: { label: { show: false }, itemStyle: { areaColor: '#d08b2c' } }, select: { label: { show: false }, itemStyle: { areaColor: '#d08b2c' } },
        data: data.countries.filter(function (x) { return x.iso3 && shapes[x.iso3]; }).map(function (x) { return { name: x.iso3, value: x.net }; }) }],
    }, mapHeight);
    [['World', null, 1], ['Europe', [12, 52], 4.2]].forEach(function (v) {
      var b = el('button', { type: 'button' }, v[0], views);
      b.addEventListener('click', function () { c.setOption({ series: [{ center: v[1], zoom: v[2] }] }); });
    });
    c.on('click', function (p) { var x = byIso[p.name]; if (x) setCountry(state.country === x.country ? '' : x.country); });
    var side = el('div', { class: 'unmapped', id: 'unmapped' }, null, layout);
    el('h3', {}, 'Not on the map', side);
    el('p', { class: 'note' }, 'No country shape: a name that is not a country, or a country too small for this scale.', side);
    var ul = el('ul', {}, null, side);
    data.countries.filter(function (x) { return !x.iso3 || !shapes[x.iso3]; }).forEach(function (x) {
      var li = el('li', {}, null, ul);
      var b = el('button', { type: 'button', class: 'link' }, x.name, li);
      b.addEventListener('click', function () { setCountry(x.country); });
      el('span', { class: 'num' }, ' ' + money(x.net), li);
    });
    onFilter.push(function () {
      var x = data.countries.find(function (k) { return k.country === state.country; });
      c.dispatchAction({ type: 'unselect', seriesIndex: 0, name: Object.keys(byIso) });
      if (x && x.iso3) c.dispatchAction({ type: 'select', seriesIndex: 0, name: x.iso3 });
    });
    var t = card(root, 'Countries', { wide: true, scope: 'all' });
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
    var b = card(root, 'Best sellers by net revenue', { scope: 'all', note: 'Net revenue = sales minus matched cancellations. Service lines (postage, manual, fees) excluded.' });
    hbar(b, 'chart-products', 'Top 15 products by net revenue', productItems(15), money, '#4f9a62', 'Net revenue (£)');
    if (data.cancellations) {
      var cc = card(root, 'Highest cancellation rates', { scope: 'all', note: 'Share of sales value cancelled; only products sold on at least ' + data.cancellations.floor + ' order lines.' });
      hbar(cc, 'chart-cancellations', 'Products with the highest cancellation rates', data.cancellations.rows.map(function (r) { return { label: r.product, value: r.rate }; }), percent, '#c0504d', 'Cancelled share of sales value');
    }
    var t = card(root, 'Products by net revenue', { wide: true, scope: 'all' });
    table(t, 'table-products', data.products, { file: 'products' });
  };

  // ---- customers --------------------------------------------------------------------------------
  builders.customers = function (root) {
    if (data.segments) {
      var s = card(root, 'Customers by RFM segment', { scope: 'all', note: 'RFM: recency, frequency and monetary value of each customer, scored 1–5.' });
      hbar(s, 'chart-segments', 'Customers by RFM segment', data.segments.map(function (x) { return { label: x.segment, value: x.customers }; }), integer, '#4f9a62', 'Customers');
      var r = card(root, 'Spend by RFM segment', { scope: 'all' });
      hbar(r, 'chart-segment-revenue', 'Spend by RFM segment', data.segments.map(function (x) { return { label: x.segment, value: x.revenue }; }), money, '#4f9a62', 'Net spend (£)');
    }
    if (data.cohorts && data.cohorts.length) {
      var co = card(root, 'Cohort retention', { wide: true, scope: 'all', note: 'Share of each first-purchase month\'s customers who bought again n months later. Cells in a partial month are outlined, not a drop.' });
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
    if (data.clusters) table(card(root, 'Customer personas (K-Means clusters)', { wide: true, scope: 'all' }), 'table-clusters', data.clusters, { file: 'personas' });
  };

  // ---- churn and value --------------------------------------------------------------------------
  var BAND_COLOURS = { High: '#c0504d', Medium: '#d08b2c', Low: '#4f9a62' };
  builders.churn = function (root) {
    if (data.churn) {
      var b = card(root, 'Customers by churn risk', { scope: 'all', note: data.churn.quality || '' });
      chart(b, 'chart-churn-bands', 'Customers by churn risk band', {
        grid: { left: 8, right: 40, top: 8, bottom: 36, containLabel: true }, tooltip: { trigger: 'axis', valueFormatter: integer, confine: true },
        xAxis: { type: 'value', name: 'Customers', nameLocation: 'middle', nameGap: 24 },
        yAxis: { type: 'category', data: data.churn.bands.map(function (x) { return x.band + ' risk'; }).reverse() },
        series: [{ type: 'bar', data: data.churn.bands.slice().reverse().map(function (x) { return { value: x.customers, itemStyle: { color: BAND_COLOURS[x.band] } }; }), label: { show: true, position: 'right', formatter: function (p) { return integer(p.value); } } }],
      }, 200);
    }
    if (data.lifetime) {
      var l = card(root, 'Expected spend in the next 90 days', { scope: 'all', note: 'Customer lifetime value over 90 days (BG/NBD and Gamma-Gamma models), customers per band.' });
      chart(l, 'chart-lifetime', 'Distribution of expected 90-day spend', {
        grid: { left: 8, right: 16, top: 32, bottom: 24, containLabel: true }, tooltip: { trigger: 'axis', valueFormatter: integer, confine: true },
        xAxis: { type: 'category', data: data.lifetime.bins.map(function (x) { return x.label; }), name: 'Expected 90-day spend', nameLocation: 'middle', nameGap: 56, axisLabel: { interval: 0, rotate: 30, fontSize: 10 } },
        yAxis: { type: 'value', name: 'Customers' },
        series: [{ type: 'bar', data: data.lifetime.bins.map(function (x) { return x.customers; }), itemStyle: { color: '#2f6db5' } }],
      }, 260);
    }
    if (data.churn && data.churn.atRisk.rows.length) {
      var a = card(root, 'Valuable customers at risk', { wide: true, scope: 'filter', note: 'High and medium churn risk, ranked by value at stake = expected 90-day spend × churn probability.' });
      table(a, 'table-at-risk', data.churn.atRisk, { followsFilter: true, file: 'customers-at-risk' });
    }
    if (data.highValue) {
      var h = card(root, 'High-value customers', { wide: true, scope: 'filter', note: 'Ranked by expected spend in the next 90 days.' });
      table(h, 'table-high-value', data.highValue, { followsFilter: true, file: 'high-value-customers' });
    }
  };

  // ---- campaigns --------------------------------------------------------------------------------
  builders.campaigns = function (root) {
    var a = data.actions;
    if (!a) return;
    if (a.campaigns.length) {
      var c1 = card(root, 'Customers per campaign action', { scope: 'all' });
      hbar(c1, 'chart-campaign-customers', 'Customers per campaign action', a.campaigns.map(function (x) { return { label: x.action, value: x.customers }; }), integer, '#2f6db5', 'Customers');
      var c2 = card(root, 'Value at stake per campaign action', { scope: 'all', note: 'Expected 90-day spend × churn probability, summed over the action\'s customers.' });
      hbar(c2, 'chart-campaign-value', 'Value at stake per campaign action', a.campaigns.map(function (x) { return { label: x.action, value: x.atStake }; }), money, '#c0504d', 'Value at stake (£)');
    }
    if (a.list) table(card(root, 'Campaign list', { wide: true, scope: 'filter', note: 'Every scored customer with the suggested action; the download holds the whole list (or what the search and filter leave).' }), 'table-campaigns', a.list, { followsFilter: true, file: 'campaign-list' });
    if (a.rules) table(card(root, 'Products bought together', { wide: true, scope: 'all', note: 'Association rules: customers who buy the first often buy the second (lift = how much more often than chance).' }), 'table-rules', a.rules, { file: 'product-associations' });
  };

  // ---- forecasts --------------------------------------------------------------------------------
  builders.forecasts = function (root) {
    var series = data.actions && data.actions.demand;
    if (!series) return;
    var box = card(root, 'Weekly demand: actual and forecast', { wide: true, scope: 'all', note: 'Units per week; the shaded band is the forecast\'s 80% interval.' });
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
        var r = card(root, 'Cleaning rules', { scope: 'all', note: 'Input lines each rule touched.' });
        hbar(r, 'chart-cleaning-rules', 'Lines per cleaning rule', q.rules.map(function (x) { return { label: x.rule + ' (' + x.action + ')', value: x.lines }; }), integer, '#7a6fb0', 'Lines');
      }
      if (q.reasons.length) {
        var qr = card(root, 'Quarantined lines by reason', { scope: 'all' });
        hbar(qr, 'chart-quarantine', 'Quarantined lines by reason', q.reasons.map(function (x) { return { label: x.reason, value: x.lines }; }), integer, '#c0504d', 'Lines');
      }
      table(card(root, 'Files loaded', { wide: true }), 'table-audit', q.audit, { file: 'load-audit' });
    }
    if (data.anomalies) table(card(root, 'Anomalies', { wide: true, scope: 'all', note: 'Unusual country days (revenue, cancellations) and unusual customers; each row states its rule.' }), 'table-anomalies', data.anomalies, { file: 'anomalies' });
    if (q && q.profile) table(card(root, 'Column profile of the staged lines', { wide: true }), 'table-profile', q.profile, { file: 'column-profile' });
    if (q && q.runs) table(card(root, 'Refresh history', { wide: true }), 'table-runs', q.runs, { file: 'refresh-history' });
  };

  // ---- header and filter ------------------------------------------------------------------------
  function setCountry(country) {
    state.country = country;
    document.getElementById('country-filter').value = country;
    onFilter.forEach(function (f) { f(); });
  }
  var filter = document.getElementById('country-filter');
  (data.countries || []).forEach(function (c) { el('option', { value: c.country }, c.name, filter); });
  filter.addEventListener('change', function () { setCountry(filter.value); });
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
