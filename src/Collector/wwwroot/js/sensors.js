// The Sensors page's health charts: frames/s and CPU per sensor. The data sits in each canvas's data-chart attribute
// (HTML-encoded by Razor, parsed here as JSON); labels are only drawn on the canvas, never inserted as HTML. live.js
// replaces the health cards when a sensor's status changes: the new canvases are drawn when it says it did.
(function () {
  'use strict';

  function draw(canvas) {
    canvas.dataset.drawn = '1';
    const d = JSON.parse(canvas.dataset.chart);
    new Chart(canvas, {
      type: 'line',
      data: {
        labels: d.labels,
        datasets: [
          { label: 'frames/s', data: d.framesPerSecond, borderColor: '#4e79a7', backgroundColor: '#4e79a7', yAxisID: 'y', pointRadius: 0, spanGaps: true },
          { label: 'CPU %', data: d.cpuPercent, borderColor: '#e15759', backgroundColor: '#e15759', yAxisID: 'cpu', pointRadius: 0, spanGaps: true },
        ],
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: {
          y: { beginAtZero: true, title: { display: true, text: 'frames/s' } },
          cpu: { position: 'right', min: 0, max: 100, title: { display: true, text: 'CPU %' }, grid: { drawOnChartArea: false } },
        },
      },
    });
  }

  function drawAll() {
    document.querySelectorAll('canvas.health-chart:not([data-drawn])').forEach(draw);
    document.body.dataset.healthCharts = String(document.querySelectorAll('canvas.health-chart[data-drawn]').length);
  }

  drawAll();
  new MutationObserver(drawAll).observe(document.body, { attributes: true, attributeFilter: ['data-live-updated'] });
})();
