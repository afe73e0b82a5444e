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

// .NET cannot send JavaScript functions: a value prefix (such as a currency sign) becomes a label formatter here.
function withFormatters(options) {
    const prefix = options.valuePrefix;
    delete options.valuePrefix;
    if (prefix !== undefined && prefix !== null) {
        const format = v => (v === null || v === undefined) ? '' : prefix + Number(v).toLocaleString(undefined, { maximumFractionDigits: 0 });
        // Values run along the y axis, or along the x axis when bars lie sideways (then the y axis holds the names).
        const horizontal = options.plotOptions && options.plotOptions.bar && options.plotOptions.bar.horizontal;
        const valueAxis = horizontal ? 'xaxis' : 'yaxis';
        options[valueAxis] = Object.assign({}, options[valueAxis], { labels: { formatter: format } });
        options.tooltip = Object.assign({}, options.tooltip, { y: { formatter: format } });
    }
    return options;
}

/** Creates and renders a chart in the element; returns it, so .NET calls updateSeries, updateOptions and destroy on it. */
export async function create(element, options) {
    await ensureLoaded();
    const chart = new window.ApexCharts(element, withFormatters(options));
    await chart.render();
    return chart;
}
