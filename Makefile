# The two commands. Both bootstrap a fresh machine (Node 22 from the npm
# registry, the committed Yarn release, dependencies) before they run.
.PHONY: start test install sandbox bench

start:
	@bash scripts/start.sh

# `make test FULL=1` runs the property suites' full count of random cases.
test:
	@bash scripts/test.sh

install:
	@bash scripts/install.sh

sandbox:
	@bash -c 'source scripts/env.sh && scripts/install.sh && yarn sandbox'

# Not part of `make test` (which runs a short smoke of it): under 15 minutes,
# bounded by its own budget; `make bench FULL=1` for the full run (up to 90).
bench:
	@bash scripts/bench.sh
