// Renders the dashboard from the JSON embedded in the page. Plain browser JavaScript, no libraries,
// so the file works offline and from any folder.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('dashboard-data').textContent);
  var SVG = 'http://www.w3.org/2000/svg';
  var tooltip = document.getElementById('tooltip');
  var selectedCountry = '';

  function svg(tag, attrs, parent) {
    var node = document.createElementNS(SVG, tag);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(node);
    return node;
  }
  function html(tag, attrs, text, parent) {
    var node = document.createElement(tag);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  var money = function (v) { return '£' + Number(v).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }); };
  var compactMoney = function (v) { return Math.abs(v) >= 1e6 ? '£' + (v / 1e6).toFixed(1) + 'M' : Math.abs(v) >= 1e3 ? '£' + (v / 1e3).toFixed(0) + 'k' : '£' + v.toFixed(0); };
  var integer = function (v) { return Math.round(Number(v)).toLocaleString('en-GB'); };
  var percent = function (v) { return (Number(v) * 100).toFixed(1) + '%'; };
  var FORMATS = { money: money, integer: integer, percent: percent, decimal: function (v) { return Number(v).toLocaleString('en-GB', { maximumFractionDigits: 2 }); } };

  function tip(node, text) {
    node.addEventListener('mousemove', function (e) {
      tooltip.textContent = text;
      tooltip.style.display = 'block';
      tooltip.style.left = e.pageX + 12 + 'px';
      tooltip.style.top = e.pageY + 12 + 'px';
    });
    node.addEventListener('mouseleave', function () { tooltip.style.display = 'none'; });
  }

  /** A heading across the card grid, starting a section. */
  function section(title) {
    html('h2', { class: 'section' }, title, document.getElementById('cards'));
  }

  /** A titled card holding one chart or table; returns the element to draw into. */
  function card(title, kind, id, wide) {
    var section = html('section', { class: 'card' + (wide ? ' wide' : '') }, null, document.getElementById('cards'));
    html('h2', {}, title, section);
    return html('div', { class: kind, id: id }, null, section);
  }

  function frame(container, width, height) {
    container.textContent = '';
    return svg('svg', { viewBox: '0 0 ' + width + ' ' + height, width: '100%', role: 'img' }, container);
  }

  /** A small legend: [label, colour, dashed] per entry. */
  function legend(root, x, y, entries) {
    entries.forEach(function (e, i) {
      var ly = y + i * 16;
      svg('line', { x1: x, x2: x + 22, y1: ly + 6, y2: ly + 6, stroke: e[1], 'stroke-width': 2, 'stroke-dasharray': e[2] ? '5 3' : '' }, root);
      svg('text', { x: x + 28, y: ly + 10, class: 'label' }, root).textContent = e[0];
    });
  }

  /** Horizontal bars with a value label and tooltip each. */
  function bars(container, items, format, colour) {
    var rowH = 22, left = 230, width = 640, height = items.length * rowH + 10;
    var root = frame(container, width, height);
    var max = Math.max.apply(null, items.map(function (d) { return d.value; }).concat([1e-9]));
    items.forEach(function (d, i) {
      var y = 5 + i * rowH;
      var label = svg('text', { x: left - 6, y: y + 15, 'text-anchor': 'end', class: 'label' }, root);
      label.textContent = d.label.length > 34 ? d.label.slice(0, 33) + '…' : d.label;
      var w = Math.max(1, ((width - left - 80) * Math.max(0, d.value)) / max);
      var bar = svg('rect', { x: left, y: y + 3, width: w, height: rowH - 6, fill: colour || '#2f6db5', rx: 2 }, root);
      tip(bar, d.label + ': ' + format(d.value));
      var value = svg('text', { x: left + w + 4, y: y + 15, class: 'value' }, root);
      value.textContent = format(d.value);
    });
  }

  /** A sortable HTML table: click a header to sort by it, again to reverse. */
  function table(container, columns, rows, formats) {
    container.textContent = '';
    var t = html('table', { class: 'grid' }, null, container);
    var head = html('tr', {}, null, html('thead', {}, null, t));
    var body = html('tbody', {}, null, t);
    var state = { col: -1, dir: 1 };
    function fill() {
      body.textContent = '';
      rows.forEach(function (r) {
        var tr = html('tr', {}, null, body);
        r.forEach(function (v, i) {
          var f = formats && formats[columns[i]];
          // Identifiers (customer numbers, ids) are labels, not quantities: no thousands separator.
          var isId = /(^|[ _])(id|customer)$/i.test(columns[i]);
          html('td', { class: typeof v === 'number' ? 'num' : '' }, v === null ? '' : f ? f(v) : typeof v === 'number' && !isId ? v.toLocaleString('en-GB') : String(v), tr);
        });
      });
    }
    columns.forEach(function (c, i) {
      var th = html('th', { title: 'sort by ' + c }, c, head);
      th.addEventListener('click', function () {
        state.dir = state.col === i ? -state.dir : 1;
        state.col = i;
        rows.sort(function (a, b) { return (a[i] > b[i] ? 1 : a[i] < b[i] ? -1 : 0) * state.dir; });
        fill();
      });
    });
    fill();
    return t;
  }

  function kpis() {
    var box = document.getElementById('kpis');
    data.kpis.forEach(function (k) {
      var div = html('div', { class: 'kpi', title: k.description }, null, box);
      html('div', { class: 'kpi-value' }, k.value === null ? '—' : FORMATS[k.format](k.value), div);
      html('div', { class: 'kpi-name' }, k.name, div);
    });
  }

  var mapContainer, monthlyContainer, countryTable;

  function drawMap() {
    var width = 720, height = 360;
    var root = frame(mapContainer, width, height);
    svg('rect', { x: 0, y: 0, width: width, height: height, fill: '#eef4fa' }, root);
    var x = function (lon) { return ((lon + 180) / 360) * width; };
    var y = function (lat) { return ((90 - lat) / 180) * height; };
    for (var lon = -150; lon <= 150; lon += 30) svg('line', { x1: x(lon), x2: x(lon), y1: 0, y2: height, class: 'grat' }, root);
    for (var lat = -60; lat <= 60; lat += 30) svg('line', { x1: 0, x2: width, y1: y(lat), y2: y(lat), class: 'grat' }, root);
    svg('line', { x1: 0, x2: width, y1: y(0), y2: y(0), class: 'equator' }, root);
    var placed = data.countries.filter(function (c) { return c.lat !== null; });
    var max = Math.max.apply(null, placed.map(function (c) { return c.revenue; }).concat([1]));
    placed.slice().sort(function (a, b) { return b.revenue - a.revenue; }).forEach(function (c) {
      var r = 3 + 27 * Math.sqrt(Math.max(0, c.revenue) / max);
      var dot = svg('circle', { cx: x(c.lon), cy: y(c.lat), r: r, class: 'bubble' + (c.country === selectedCountry ? ' selected' : '') }, root);
      tip(dot, (c.name && c.name !== c.country ? c.name + ' (' + c.country + ')' : c.country) + ' — revenue ' + money(c.revenue) + ', ' + integer(c.orders) + ' orders, ' + integer(c.customers) + ' customers');
      dot.addEventListener('click', function () { select(c.country === selectedCountry ? '' : c.country); });
    });
    var missing = data.countries.filter(function (c) { return c.lat === null; }).map(function (c) { return c.country; });
    document.getElementById('map-note').textContent = missing.length ? 'Not on the map (no location): ' + missing.join(', ') : '';
  }

  function drawMonthly() {
    var byMonth = {};
    data.monthly.forEach(function (m) {
      if (selectedCountry && m.country !== selectedCountry) return;
      var e = byMonth[m.month] || (byMonth[m.month] = { revenue: 0, net: 0, orders: 0 });
      e.revenue += m.revenue;
      e.net += m.netRevenue;
      e.orders += m.orders;
    });
    var months = Object.keys(byMonth).sort();
    var width = 720, height = 300, left = 70, bottom = 40, top = 15;
    var root = frame(monthlyContainer, width, height);
    var max = Math.max.apply(null, months.map(function (m) { return byMonth[m].revenue; }).concat([1]));
    var step = months.length > 1 ? (width - left - 20) / (months.length - 1) : 0;
    var px = function (i) { return left + i * step; };
    var py = function (v) { return top + (height - top - bottom) * (1 - v / max); };
    for (var g = 0; g <= 4; g++) {
      var v = (max * g) / 4;
      svg('line', { x1: left, x2: width - 10, y1: py(v), y2: py(v), class: 'grat' }, root);
      svg('text', { x: left - 6, y: py(v) + 4, 'text-anchor': 'end', class: 'label' }, root).textContent = compactMoney(v);
    }
    var path = months.map(function (m, i) { return (i ? 'L' : 'M') + px(i).toFixed(1) + ',' + py(byMonth[m].revenue).toFixed(1); }).join(' ');
    svg('path', { d: path, class: 'line' }, root);
    var netPath = months.map(function (m, i) { return (i ? 'L' : 'M') + px(i).toFixed(1) + ',' + py(byMonth[m].net).toFixed(1); }).join(' ');
    svg('path', { d: netPath, class: 'line net' }, root);
    legend(root, left + 10, top + 4, [['gross revenue', '#2f6db5', false], ['net of matched cancellations', '#4f9a62', true]]);
    months.forEach(function (m, i) {
      var dot = svg('circle', { cx: px(i), cy: py(byMonth[m].revenue), r: 4, class: 'point' }, root);
      tip(dot, m + ': ' + money(byMonth[m].revenue) + ' gross, ' + money(byMonth[m].net) + ' net, from ' + integer(byMonth[m].orders) + ' orders');
      if (months.length <= 14 || i % 2 === 0) svg('text', { x: px(i), y: height - bottom + 18, 'text-anchor': 'middle', class: 'label' }, root).textContent = m;
    });
    document.getElementById('monthly-scope').textContent = selectedCountry || 'all countries';
  }

  function drawCountryTable() {
    var rows = data.countries
      .filter(function (c) { return !selectedCountry || c.country === selectedCountry; })
      .map(function (c) { return [c.country, c.revenue, c.orders, c.customers]; });
    countryTable = table(document.getElementById('table-countries'), ['country', 'revenue', 'orders', 'customers'], rows, { revenue: money });
  }

  function select(country) {
    selectedCountry = country;
    document.getElementById('country-filter').value = country;
    drawMap();
    drawMonthly();
    drawCountryTable();
  }

  function sales() {
    if (!data.countries) return;
    var filter = document.getElementById('country-filter');
    filter.parentElement.style.display = '';
    data.countries.forEach(function (c) { html('option', { value: c.country }, c.country, filter); });
    filter.addEventListener('change', function () { select(filter.value); });
    section('Sales');
    mapContainer = card('Revenue and orders by country (bubble area = revenue; click to filter)', 'chart', 'chart-map', true);
    html('p', { class: 'note', id: 'map-note' }, '', mapContainer.parentElement);
    var monthlyTitle = card('Monthly revenue', 'chart', 'chart-monthly', true);
    monthlyContainer = monthlyTitle;
    html('span', { class: 'scope', id: 'monthly-scope' }, '', monthlyTitle.parentElement.querySelector('h2'));
    card('Countries (sale lines; click a header to sort)', 'data-table', 'table-countries');
    select('');
    if (data.products && data.products.length) {
      bars(card('Best sellers by revenue', 'chart', 'chart-products'), data.products.map(function (p) { return { label: p.product, value: p.revenue }; }), money);
      bars(
        card('Cancellation rate of the best sellers', 'chart', 'chart-product-cancellations'),
        data.products.map(function (p) { return { label: p.product, value: p.cancellationRate }; }),
        percent,
        '#c0504d'
      );
    }
  }

  function customers() {
    var any = (data.segments && data.segments.length) || (data.clusters && data.clusters.rows.length) || (data.cohorts && data.cohorts.length);
    if (any) section('Customers and segments');
    if (data.segments && data.segments.length) {
      bars(card('Customers by RFM segment', 'chart', 'chart-segments'), data.segments.map(function (s) { return { label: s.segment, value: s.customers }; }), integer, '#4f9a62');
      bars(card('Net revenue by RFM segment', 'chart', 'chart-segment-revenue'), data.segments.map(function (s) { return { label: s.segment, value: s.revenue }; }), money, '#4f9a62');
    }
    if (data.clusters && data.clusters.rows.length) {
      var c = data.clusters;
      var at = function (name) { return c.columns.indexOf(name); };
      if (at('customers') >= 0) {
        bars(
          card('Cluster sizes (K-Means clusters and DBSCAN groups; -1 = noise)', 'chart', 'chart-clusters'),
          c.rows.map(function (r) {
            return { label: (at('method') >= 0 ? r[at('method')] + ' ' : '') + r[at('cluster')] + (at('persona') >= 0 ? ' · ' + r[at('persona')] : ''), value: Number(r[at('customers')]) };
          }),
          integer,
          '#8064a2'
        );
      }
      var formats = { customer_share: percent, revenue_share: percent, mean_monetary: money };
      table(card('Cluster profiles', 'data-table', 'table-clusters'), c.columns, c.rows.map(function (r) { return r.slice(); }), formats);
    }
  }

  function cohorts() {
    if (!data.cohorts || !data.cohorts.length) return;
    var cohortsList = [], periods = [], cell = {};
    data.cohorts.forEach(function (d) {
      if (cohortsList.indexOf(d.cohort) < 0) cohortsList.push(d.cohort);
      if (periods.indexOf(d.period) < 0) periods.push(d.period);
      cell[d.cohort + '|' + d.period] = d.retention;
    });
    cohortsList.sort();
    periods.sort(function (a, b) { return a - b; });
    var size = 34, left = 80, top = 30;
    var root = frame(card('Cohort retention (share of a first-purchase month still buying N months later)', 'chart', 'chart-cohorts', true), left + periods.length * size + 10, top + cohortsList.length * size + 10);
    periods.forEach(function (p, j) { svg('text', { x: left + j * size + size / 2, y: top - 8, 'text-anchor': 'middle', class: 'label' }, root).textContent = p; });
    cohortsList.forEach(function (c, i) {
      svg('text', { x: left - 6, y: top + i * size + size / 2 + 4, 'text-anchor': 'end', class: 'label' }, root).textContent = c;
      periods.forEach(function (p, j) {
        var v = cell[c + '|' + p];
        if (v === undefined) return;
        var rect = svg('rect', { x: left + j * size, y: top + i * size, width: size - 2, height: size - 2, fill: 'rgba(47,109,181,' + (0.08 + 0.92 * Math.min(1, v)) + ')' }, root);
        tip(rect, 'cohort ' + c + ', month ' + p + ': ' + percent(v));
        var t = svg('text', { x: left + j * size + size / 2 - 1, y: top + i * size + size / 2 + 4, 'text-anchor': 'middle', class: v > 0.5 ? 'cell light' : 'cell' }, root);
        t.textContent = Math.round(v * 100);
      });
    });
  }

  function churn() {
    if (!data.churn) return;
    section('Churn');
    if (!data.churn.total) {
      html('p', { class: 'note' }, 'No churn predictions in this run: too few customers to train the model.', card('Churn risk', 'note-card', 'churn-none').parentElement);
      return;
    }
    var colours = { High: '#c0504d', Medium: '#d08b2c', Low: '#4f9a62' };
    var bandRoot = card('Customers by churn risk band (High ≥ 70%, Medium ≥ 40%)', 'chart', 'chart-churn-bands');
    bars(bandRoot, data.churn.bands.map(function (b) { return { label: b.band, value: b.customers }; }), integer, '#c0504d');
    bandRoot.querySelectorAll('rect').forEach(function (rect, i) { rect.setAttribute('fill', colours[data.churn.bands[i].band] || '#c0504d'); });
    bars(
      card('Churn risk distribution (customers per predicted probability band)', 'chart', 'chart-churn'),
      data.churn.histogram.map(function (h) { return { label: (h.from * 100).toFixed(0) + '–' + (h.to * 100).toFixed(0) + '%', value: h.customers }; }),
      integer,
      '#c0504d'
    );
    var t = data.churn.top;
    var formats = { probability: percent, monetary: money };
    table(card('Customers most at risk (top ' + t.rows.length + ' of ' + integer(data.churn.total) + ')', 'data-table', 'table-churn', true), t.columns, t.rows.map(function (r) { return r.slice(); }), formats);
  }

  function quality() {
    if (!data.quality) return;
    section('Data quality');
    var q = data.quality;
    var col = function (name) { return q.audit.columns.indexOf(name); };
    if (col('rows_read') >= 0 && col('rows_staged') >= 0 && col('rows_quarantined') >= 0) {
      var sum = function (i) { return q.audit.rows.reduce(function (s, r) { return s + Number(r[i]); }, 0); };
      var parts = [{ label: 'read', value: sum(col('rows_read')) }, { label: 'staged', value: sum(col('rows_staged')) }, { label: 'quarantined', value: sum(col('rows_quarantined')) }];
      if (col('rows_overlapping') >= 0) parts.push({ label: 'repeated in an earlier sheet', value: sum(col('rows_overlapping')) });
      bars(card('Row accounting: every line read is staged, quarantined or a repeat', 'chart', 'chart-accounting'), parts, integer, '#7f7f7f');
    }
    if (q.reasons.length) bars(card('Quarantined lines by reason', 'chart', 'chart-quarantine'), q.reasons.map(function (r) { return { label: r.reason, value: r.lines }; }), integer, '#d08b2c');
    if (q.rules.length) {
      bars(card('Lines touched by each cleaning rule', 'chart', 'chart-cleaning-rules'), q.rules.map(function (r) { return { label: r.rule + ' (' + r.action + ')', value: r.lines }; }), integer, '#7f7f7f');
    }
    table(card('Load audit per source', 'data-table', 'table-audit'), q.audit.columns, q.audit.rows.map(function (r) { return r.slice(); }));
    if (q.profile && q.profile.rows.length) table(card('Column profile', 'data-table', 'table-profile', true), q.profile.columns, q.profile.rows.map(function (r) { return r.slice(); }));
    if (q.runs && q.runs.rows.length) table(card('Run history', 'data-table', 'table-runs', true), q.runs.columns, q.runs.rows.map(function (r) { return r.slice(); }));
  }

  /** Weekly units: actual line, forecast line (dashed) and, for one series, its 80% interval. */
  function drawForecast(container, label) {
    var series = data.actions.demand;
    var actual = {}, forecast = {}, lower = {}, upper = {};
    var chosen = series.filter(function (s) { return label ? s.label === label : s.type === 'category'; });
    chosen.forEach(function (s) {
      s.actual.forEach(function (p) { actual[p[0]] = (actual[p[0]] || 0) + p[1]; });
      s.forecast.forEach(function (p) {
        forecast[p[0]] = (forecast[p[0]] || 0) + p[1];
        lower[p[0]] = (lower[p[0]] || 0) + p[2];
        upper[p[0]] = (upper[p[0]] || 0) + p[3];
      });
    });
    var weeks = Object.keys(actual).concat(Object.keys(forecast)).filter(function (w, i, all) { return all.indexOf(w) === i; }).sort();
    var width = 900, height = 320, left = 70, bottom = 40, top = 15;
    var root = frame(container, width, height);
    var interval = chosen.length === 1;
    var max = Math.max.apply(null, weeks.map(function (w) { return Math.max(actual[w] || 0, interval ? upper[w] || 0 : forecast[w] || 0); }).concat([1]));
    var step = weeks.length > 1 ? (width - left - 20) / (weeks.length - 1) : 0;
    var px = function (i) { return left + i * step; };
    var py = function (v) { return top + (height - top - bottom) * (1 - v / max); };
    for (var g = 0; g <= 4; g++) {
      var v = (max * g) / 4;
      svg('line', { x1: left, x2: width - 10, y1: py(v), y2: py(v), class: 'grat' }, root);
      svg('text', { x: left - 6, y: py(v) + 4, 'text-anchor': 'end', class: 'label' }, root).textContent = integer(v);
    }
    var idx = function (w) { return weeks.indexOf(w); };
    var fWeeks = Object.keys(forecast).sort();
    if (interval && fWeeks.length) {
      var band = fWeeks.map(function (w) { return px(idx(w)).toFixed(1) + ',' + py(upper[w]).toFixed(1); })
        .concat(fWeeks.slice().reverse().map(function (w) { return px(idx(w)).toFixed(1) + ',' + py(lower[w]).toFixed(1); }));
      svg('polygon', { points: band.join(' '), class: 'interval' }, root);
    }
    var line = function (map, cls) {
      var ws = Object.keys(map).sort();
      if (ws.length) svg('path', { d: ws.map(function (w, i) { return (i ? 'L' : 'M') + px(idx(w)).toFixed(1) + ',' + py(map[w]).toFixed(1); }).join(' '), class: cls }, root);
      ws.forEach(function (w) {
        var dot = svg('circle', { cx: px(idx(w)), cy: py(map[w]), r: 2.5, class: cls === 'line' ? 'point' : 'point forecast' }, root);
        tip(dot, 'week of ' + w + ': ' + integer(map[w]) + (cls === 'line' ? ' units sold' : ' units forecast' + (interval ? ' (80%: ' + integer(lower[w]) + '–' + integer(upper[w]) + ')' : '')));
      });
    };
    line(actual, 'line');
    line(forecast, 'line forecast');
    weeks.forEach(function (w, i) { if (i % 8 === 0) svg('text', { x: px(i), y: height - bottom + 18, 'text-anchor': 'middle', class: 'label' }, root).textContent = w; });
    legend(root, left + 10, top + 4, [['actual units', '#2f6db5', false], ['forecast' + (interval ? ' (band: 80% interval)' : ''), '#d08b2c', true]]);
  }

  function actions() {
    if (!data.actions) return;
    section('Actions');
    var a = data.actions;
    if (a.campaigns.length) {
      bars(card('Customers per action', 'chart', 'chart-campaign-customers'), a.campaigns.map(function (c) { return { label: c.action, value: c.customers }; }), integer, '#2f6db5');
      bars(card('Revenue at stake per action (expected 90-day value x churn probability)', 'chart', 'chart-campaign-value'), a.campaigns.map(function (c) { return { label: c.action, value: c.atStake }; }), money, '#c0504d');
    }
    if (a.demand && a.demand.length) {
      var box = card('Weekly units: actual and forecast', 'chart', 'chart-forecast', true);
      var pick = html('select', { id: 'forecast-series' }, null, null);
      box.parentElement.insertBefore(pick, box);
      html('option', { value: '' }, 'All categories', pick);
      a.demand.forEach(function (s) { html('option', { value: s.label }, (s.type === 'product' ? 'product: ' : 'category: ') + s.label, pick); });
      pick.addEventListener('change', function () { drawForecast(box, pick.value); });
      drawForecast(box, '');
    }
    if (a.rules && a.rules.rows.length) {
      table(card('Top association rules (by lift)', 'data-table', 'table-rules', true), a.rules.columns, a.rules.rows.map(function (r) { return r.slice(); }), { support: percent, confidence: percent });
    }
    if (a.list && a.list.rows.length) {
      table(
        card('Campaign list (top ' + a.list.rows.length + ' of ' + integer(a.listTotal) + ' by revenue at stake)', 'data-table', 'table-campaigns', true),
        a.list.columns,
        a.list.rows.map(function (r) { return r.slice(); }),
        { churn_probability: percent, expected_value: money, revenue_at_stake: money }
      );
    }
  }

  kpis();
  sales();
  customers();
  cohorts();
  churn();
  actions();
  quality();
  document.body.setAttribute('data-rendered', 'true');
})();
