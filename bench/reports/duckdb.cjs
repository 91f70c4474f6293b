// duckdb.cjs - the bulletin's district x stage count-and-sum in DuckDB's
// in-memory column store, timed inside its own process (what the issue
// compares zsdesk's whole command with).
//
//   node bench/reports/duckdb.cjs TSVDIR NODEDIR [RUNS]
//
// TSVDIR holds projects.tsv from export.py; NODEDIR is where
// `npm install @duckdb/node-api` was run (run.sh uses
// bench/reports/work/duckdb, never the build or the tests).  Prints one
// line: "load MS; group-by median MS of RUNS; ROWS rows".
const path = require("path");
const [tsv, nodedir, runs = "15"] = process.argv.slice(2);
const { DuckDBInstance } = require(path.resolve(nodedir, "node_modules", "@duckdb", "node-api"));

(async () => {
	const db = await DuckDBInstance.create(":memory:");
	const c = await db.connect();
	let t0 = process.hrtime.bigint();
	await c.run(`CREATE TABLE projects AS SELECT * FROM read_csv('${path.resolve(tsv, "projects.tsv")}',
		delim = '\t', header = false, quote = '', columns = {
		'id': 'BIGINT', 'district': 'VARCHAR', 'stage': 'VARCHAR', 'created_on': 'VARCHAR',
		'investment': 'BIGINT', 'currency': 'VARCHAR', 'planned_start': 'VARCHAR',
		'name': 'VARCHAR'})`);
	const load = Number(process.hrtime.bigint() - t0) / 1e6;
	const q = "SELECT district, stage, count(*), sum(investment) FROM projects GROUP BY district, stage";
	const times = [];
	let rows = 0;
	for (let i = 0; i < Number(runs) + 2; i++) {
		t0 = process.hrtime.bigint();
		const r = await c.runAndReadAll(q);
		const ms = Number(process.hrtime.bigint() - t0) / 1e6;
		rows = r.getRows().length;
		if (i >= 2) times.push(ms); // the first two warm it
	}
	times.sort((a, b) => a - b);
	const mid = times.length >> 1;
	const median = times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
	console.log(`load ${load.toFixed(0)} ms; group-by median ${median.toFixed(1)} ms of ${times.length}; ${rows} rows`);
})().catch((e) => {
	console.error("duckdb.cjs: " + e.message);
	process.exit(1);
});
