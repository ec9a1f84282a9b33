# RxAtlas: the two commands are `make demo` and `make test`; each installs what it needs first.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)

SAMPLE := datasets/sample
OUT ?= out/demo
RELEASE_BIN := .build/release/rxatlas
RESOURCES := RxAtlas_RxReference.resources RxAtlas_RxServe.resources
PREFIX ?= /usr/local

.PHONY: bootstrap build release install uninstall test demo report-check serve-check bench peers clean

bootstrap:
	@scripts/bootstrap

build: bootstrap
	swift build

release: bootstrap
	swift build -c release --product rxatlas

## Installs the release build as $(PREFIX)/bin/rxatlas with its resource bundles beside it
## (the reference tables and the served app, $(RESOURCES), where SwiftPM's Bundle.module looks
## first; PREFIX defaults to /usr/local).
install: release
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 0755 $(RELEASE_BIN) "$(DESTDIR)$(PREFIX)/bin/rxatlas"
	for r in $(RESOURCES); do rm -rf "$(DESTDIR)$(PREFIX)/bin/$$r"; cp -R ".build/release/$$r" "$(DESTDIR)$(PREFIX)/bin/$$r"; done
	@echo "installed $(DESTDIR)$(PREFIX)/bin/rxatlas (with $(RESOURCES) beside it)"

## Removes what `make install` installed.
uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/rxatlas"
	for r in $(RESOURCES); do rm -rf "$(DESTDIR)$(PREFIX)/bin/$$r"; done

## Runs every test (Swift Testing).
test: bootstrap
	swift test --parallel

## Ingests the bundled sample into a store, reports on it, computes the built-in measures, the Atlas, biosimilar opportunities, steroid and chemical outliers, and charts; then does the same for the Scottish sample, with its own report.
demo: release
	rm -rf $(OUT)
	mkdir -p $(OUT)
	$(RELEASE_BIN) ingest $(SAMPLE)/epd_*.csv.gz --store $(OUT)/store \
		--list-sizes $(SAMPLE)/list_sizes_*.csv.gz --orgs $(SAMPLE)/orgs.csv.gz
	$(RELEASE_BIN) store info --store $(OUT)/store
	$(RELEASE_BIN) measures --store $(OUT)/store --out $(OUT)/measures --sqlite $(OUT)/results.sqlite
	$(RELEASE_BIN) atlas --store $(OUT)/store --out $(OUT)/atlas --sqlite $(OUT)/results.sqlite
	$(RELEASE_BIN) biosimilars --store $(OUT)/store --out $(OUT)/biosimilars
	$(RELEASE_BIN) steroids --store $(OUT)/store --out $(OUT)/steroids
	$(RELEASE_BIN) outliers --store $(OUT)/store --out $(OUT)/outliers
	$(RELEASE_BIN) charts --store $(OUT)/store --measure ics_high_dose prednisolone_items_per_1000 \
		--level practice icb --out $(OUT)/charts
	$(RELEASE_BIN) report --store $(OUT)/store --out $(OUT)/report.html
	cp docs/examples/batch-demo.toml $(OUT)/batch.toml
	$(RELEASE_BIN) batch $(OUT)/batch.toml
	$(RELEASE_BIN) ingest $(SAMPLE)/scotland/pitc*.csv.gz --store $(OUT)/scotland/store \
		--list-sizes $(SAMPLE)/scotland/practice_*.csv.gz
	$(RELEASE_BIN) measures --store $(OUT)/scotland/store --out $(OUT)/scotland/measures
	$(RELEASE_BIN) biosimilars --store $(OUT)/scotland/store --out $(OUT)/scotland/biosimilars
	$(RELEASE_BIN) steroids --store $(OUT)/scotland/store --out $(OUT)/scotland/steroids
	$(RELEASE_BIN) report --store $(OUT)/scotland/store --out $(OUT)/scotland/report.html
	$(RELEASE_BIN) ingest $(SAMPLE)/epd_20250[1-3].csv.gz $(SAMPLE)/scotland/pitc20250[1-3].csv.gz --store $(OUT)/both/store \
		--list-sizes $(SAMPLE)/list_sizes_20250[1-3].csv.gz $(SAMPLE)/scotland/practice_listsizes_jan2025.csv.gz \
		--orgs $(SAMPLE)/orgs.csv.gz
	$(RELEASE_BIN) measures --store $(OUT)/both/store --out $(OUT)/both/measures
	$(RELEASE_BIN) report --store $(OUT)/both/store --out $(OUT)/both/report.html
	@echo "demo outputs in $(OUT): store/, measures/values.csv, measures/deciles.csv, atlas/summary.csv, atlas/outliers.csv, atlas/trends.csv, results.sqlite (every table), biosimilars/opportunities.csv, biosimilars/summary.md, steroids/outliers.csv, steroids/high_outliers.csv, steroids/ics_classification.csv, outliers/chemical_outliers.csv, charts/*.svg, batch/ (see batch/batch-manifest.json)"
	@echo "report: $(OUT)/report.html; Scotland: $(OUT)/scotland/ (measures, biosimilars, steroids, report.html); both nations, January to March: $(OUT)/both/ (measures, report.html with a nation switch)"
	@echo "to explore the demo store in a browser: $(RELEASE_BIN) serve --store $(OUT)/store   (then open http://127.0.0.1:8080/)"

## Builds the demo (with its HTML report) and checks the report in headless Chromium: renders, not blank, no network requests.
report-check: demo
	scripts/report-check $(OUT)/report.html
	scripts/report-check $(OUT)/both/report.html

## Builds the demo and goes through the served app in headless Chromium over the English and the
## Scottish demo stores: search, organisation, measure, biosimilar sliders, steroid outliers
## (DOM, images, accessible names, screenshots, no request beyond the server; docs/SERVE.md).
serve-check: demo
	scripts/serve-check $(OUT)/store $(RELEASE_BIN)
	scripts/serve-check $(OUT)/scotland/store $(RELEASE_BIN)

## Package benchmarks (ordo-one/benchmark) for ingest and snapshot load.
bench: release
	cd Benchmarks && swift package --allow-writing-to-directory .benchmarkBaselines benchmark

## The same per-practice x presentation sums in RxAtlas, DuckDB and Polars, one run, one file.
peers: release
	Benchmarks/peers/run.sh

clean:
	rm -rf .build out
