module trustdocs

go 1.26.0

require gopkg.in/yaml.v3 v3.0.1

require (
	codeberg.org/go-pdf/fpdf v0.12.0 // indirect
	github.com/chromedp/cdproto v0.159.0 // indirect
	github.com/chromedp/chromedp v0.23.0 // indirect
	github.com/go-fonts/liberation v0.3.3 // indirect
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	github.com/nicksnyder/go-i18n/v2 v2.7.0 // indirect
	github.com/sergi/go-diff v1.4.0 // indirect
	github.com/yuin/goldmark v1.8.7 // indirect
	golang.org/x/net v0.62.0 // indirect
	golang.org/x/text v0.43.0 // indirect
)
