package site

// RobotsFile is the robots exclusion file at the root of an edition.
const RobotsFile = "robots.txt"

// robotsDisallowAll keeps every crawler out of an edition for a narrower
// audience than the public (RFC 9309); every page of it also says
// noindex, for a crawler that reaches a page by a link from elsewhere.
var robotsDisallowAll = []byte("User-agent: *\nDisallow: /\n")
