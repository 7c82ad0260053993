//go:build race

package diff_test

// raceEnabled is true when the race detector slows every step down.
const raceEnabled = true
