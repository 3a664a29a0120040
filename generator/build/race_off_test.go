//go:build !race

package build

const raceDetector = false // see race_on_test.go

// RaceDetector is raceDetector for the tests of package build_test.
const RaceDetector = raceDetector
