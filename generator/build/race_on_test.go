//go:build race

package build

// raceDetector: under -race the tests that exist for the detector build
// once with workers side by side and leave the byte comparisons with a
// second build to the plain run (a build of content/ takes ten times as
// long under the detector).
const raceDetector = true

// RaceDetector is raceDetector for the tests of package build_test.
const RaceDetector = raceDetector
