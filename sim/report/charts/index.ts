/**
 * Report and UI charts: pure functions from plain data to SVG strings, every
 * piece of text escaped. No scripts, fonts or links to the network.
 */
export { barChart, type BarChartOptions } from './bar';
export { ganttChart, type TimelineEntry } from './gantt';
export { lineChart, type LineChartOptions, type LineSeries } from './line';
export { paretoChart, paretoFrontier, type ParetoPoint } from './pareto';
export { linearScale, niceDomain, niceStep, tickLabel } from './scale';
export { tornadoChart, type TornadoBar } from './tornado';
export { escapeHtml } from '../escape';
