// The bridge between the ApexChart Razor component and ApexCharts 4.7.0 (MIT, vendored in wwwroot/lib/apexcharts).
// The library is loaded on first use, so pages without charts do not download it.

let loading;

function ensureLoaded() {
    if (window.ApexCharts) {
        return Promise.resolve();
    }
    loading ??= new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = new URL('lib/apexcharts/apexcharts.min.js', document.baseURI).href;
        script.onload = resolve;
        script.onerror = () => reject(new Error('ApexCharts could not be loaded'));
        document.head.appendChild(script);
    });
    return loading;
}

// Every text arrives HTML-encoded (ChartText.Encode in .NET), because ApexCharts 4.7.0 writes some of it as HTML markup:
// tooltip titles, tooltip series names, legends and the x-axis crosshair label. Those spots show the encoded text as
// the characters it stands for. Axis labels are SVG text (textContent), where entities would show literally, so only
// their formatters decode. Every HTML spot gets its own formatter that keeps the text encoded: left to itself,
// ApexCharts would fall back to the decoding axis formatter there (the tooltip title uses the x-axis one).
const decoded = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const encoded = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const asSvgText = v => typeof v === 'string' ? v.replace(/&(?:amp|lt|gt|quot|#39);/g, e => decoded[e]) : v;
const asHtml = v => v;
const encode = text => String(text).replace(/[&<>"']/g, c => encoded[c]);

// The tooltip title (and the crosshair label under the x axis, which copies it). Bars and heatmaps hand it the label
// as sent, still encoded. Line and area charts hand it the category's position instead (ApexCharts turns their
// categories into numbers): their x-axis formatter maps it back to the decoded label, which is encoded again here.
function tooltipTitle(value, opts) {
    const xaxis = opts && opts.w && opts.w.config.xaxis;
    if (typeof value === 'number' && xaxis && xaxis.convertedCatToNumeric && typeof xaxis.labels.formatter === 'function') {
        return encode(xaxis.labels.formatter(value));
    }
    return value;
}

// What decides the formatters, read once from the options of create: updates carry only what changes.
function shapeOf(options) {
    const horizontal = !!(options.plotOptions && options.plotOptions.bar && options.plotOptions.bar.horizontal);
    const heatmap = options.chart.type === 'heatmap';
    const prefix = options.valuePrefix; // encoded, like every text
    delete options.valuePrefix;
    return {
        horizontal,
        // Values run along the y axis, or along the x axis when bars lie sideways (then the y axis holds the names).
        textOnX: heatmap || (!horizontal && !!(options.xaxis && options.xaxis.categories)),
        textOnY: heatmap || horizontal,
        prefix: prefix === undefined || prefix === null ? null : prefix,
    };
}

// Sets every formatter. On create, and again with new categories: ApexCharts rebuilds a line chart's category formatter
// from them and drops ours unless it comes along. Other updates (theme) leave the formatters alone, as replacing the
// rebuilt one would lose the categories it holds.
function withFormatters(options, shape) {
    const number = v => Number(v).toLocaleString(undefined, { maximumFractionDigits: 0 });
    const withPrefix = p => v => (v === null || v === undefined) ? '' : p + number(v);
    const axisLabels = {};
    if (shape.textOnX) axisLabels.xaxis = asSvgText;
    if (shape.textOnY) axisLabels.yaxis = asSvgText;
    if (shape.prefix !== null) axisLabels[shape.horizontal ? 'xaxis' : 'yaxis'] = withPrefix(asSvgText(shape.prefix));
    for (const [axis, formatter] of Object.entries(axisLabels)) {
        options[axis] = Object.assign({}, options[axis], { labels: { formatter } });
    }
    options.tooltip = {
        x: { formatter: tooltipTitle },
        y: {
            title: { formatter: name => name ? name + ': ' : '' },
            // Without one, the tooltip's value would borrow the y-axis formatter, which decodes when the y axis holds text.
            formatter: shape.prefix !== null ? withPrefix(shape.prefix) : shape.textOnY ? asHtml : undefined,
        },
    };
    options.legend = { formatter: asHtml };
    return options;
}

/**
 * Creates and renders a chart in the element. Returns its handle, on which .NET calls updateSeries, updateOptions
 * and destroy; updateOptions with new labels goes through the same formatters as create.
 */
export async function create(element, options) {
    await ensureLoaded();
    const shape = shapeOf(options);
    const chart = new window.ApexCharts(element, withFormatters(options, shape));
    await chart.render();
    return {
        updateSeries: series => chart.updateSeries(series),
        updateOptions: changes => chart.updateOptions(changes.xaxis || changes.labels ? withFormatters(changes, shape) : changes),
        destroy: () => chart.destroy(),
    };
}
