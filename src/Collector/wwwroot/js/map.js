(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('map-data').textContent);
  const groups = new Map();
  const elements = [];
  for (const n of data.nodes) {
    const group = (n.zone || 'unzoned') + (n.purdueLevel != null ? ' · L' + n.purdueLevel : '');
    if (!groups.has(group)) {
      groups.set(group, 'group-' + groups.size);
      elements.push({ data: { id: groups.get(group), label: group, domain: n.domain || '' }, classes: 'zone' });
    }
    // A node is a sensor's device: the same address at two sites is two devices.
    elements.push({ data: { id: 'n:' + n.sensor + '/' + n.id, label: n.label + '\n' + n.role, parent: groups.get(group), role: n.role }, classes: 'device ' + (n.domain || '') });
  }
  for (const e of data.edges) {
    elements.push({ data: { id: 'e:' + e.source + '>' + e.target + ':' + e.protocol, source: 'n:' + e.source, target: 'n:' + e.target, label: e.protocol }, classes: e.itToOt ? 'it-ot' : '' });
  }
  const cy = cytoscape({
    container: document.getElementById('map'),
    elements,
    layout: { name: 'cose', animate: false, nodeDimensionsIncludeLabels: true },
    style: [
      { selector: 'node.device', style: { label: 'data(label)', 'text-wrap': 'wrap', 'font-size': 9, 'background-color': '#4e79a7', width: 18, height: 18 } },
      { selector: 'node.device.ot', style: { 'background-color': '#59a14f' } },
      { selector: 'node.device.it', style: { 'background-color': '#9c755f' } },
      { selector: 'node.zone', style: { label: 'data(label)', 'text-valign': 'top', 'font-weight': 'bold', 'background-opacity': 0.06, 'border-width': 1 } },
      { selector: 'edge', style: { width: 1.5, 'line-color': '#bbb', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#bbb', 'curve-style': 'bezier', label: 'data(label)', 'font-size': 7 } },
      { selector: 'edge.it-ot', style: { width: 3, 'line-color': '#e15759', 'target-arrow-color': '#e15759' } },
    ],
  });
  cy.on('tap', 'node.device', evt => {
    const key = evt.target.id().substring(2);
    const node = data.nodes.find(n => n.sensor + '/' + n.id === key);
    if (node && node.sensor) { location.href = '/assets/' + encodeURIComponent(node.sensor) + '/' + encodeURIComponent(id); }
  });
  document.body.dataset.mapNodes = String(cy.nodes('.device').length);
})();
