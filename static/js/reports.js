// Draws the admin's sales charts (analytics) with Chart.js from the numbers
// the page carries as JSON (<script type="application/json">): no inline script.
(function () {
  "use strict";

  function readData(canvas) {
    const source = document.getElementById(canvas.dataset.chart);
    return source ? JSON.parse(source.textContent) : null;
  }

  function draw(canvas) {
    const data = readData(canvas);
    if (!data || typeof window.Chart === "undefined") return;
    const revenue = data.revenue.map(Number);
    if (canvas.hasAttribute("data-sparkline")) {
      new window.Chart(canvas, {
        type: "line",
        data: {
          labels: data.labels,
          datasets: [{ data: revenue, borderColor: "#007d7e", borderWidth: 2, pointRadius: 0, tension: 0 }],
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          plugins: { legend: { display: false }, tooltip: { enabled: true } },
          scales: { x: { display: false }, y: { display: false, beginAtZero: true } },
        },
      });
      canvas.dataset.drawn = "true";
      return;
    }
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [
          { label: `Revenue (${data.currency})`, data: revenue, borderColor: "#007d7e", backgroundColor: "#007d7e", yAxisID: "revenue", tension: 0 },
          { label: "Orders", data: data.orders, borderColor: "#e0521d", backgroundColor: "#e0521d", yAxisID: "orders", tension: 0 },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          revenue: { type: "linear", position: "left", beginAtZero: true, title: { display: true, text: data.currency } },
          orders: { type: "linear", position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, ticks: { precision: 0 }, title: { display: true, text: "Orders" } },
        },
      },
    });
    canvas.dataset.drawn = "true";
  }

  function start() {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
