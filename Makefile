.PHONY: main test facts clean
main:            ## main job on the shipped data
	./scripts/main.sh
test:            ## run the tests
	./scripts/test.sh
clean:           ## remove generated outputs (data/raw is never touched)
	rm -rf data/processed/* reports/*
