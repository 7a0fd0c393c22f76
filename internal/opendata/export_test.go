package opendata

// Indent is indent for the tests of package opendata_test.
var Indent = indent
