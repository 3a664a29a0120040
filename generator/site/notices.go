package site

import (
	"bytes"
	"fmt"
	"strings"
	"text/template"
	"time"

	"trustdocs/generator/model"
)

// What a sender needs besides the change notice: per release and language
// the text of the e-mail to customers (templates/notice-email.txt.tmpl),
// and per language an iCalendar file with every release's effective date
// and objection deadline.

// EmailPath is where a release's e-mail text lies: de/releases/1.1/email.txt.
func EmailPath(lang, version string) string { return ReleaseDir(lang, version) + "email.txt" }

// CalendarPath is the iCalendar file of a language: de/releases.ics.
func CalendarPath(lang string) string { return lang + "/releases.ics" }

// EmailDoc is a document in the e-mail: its title and versions.
type EmailDoc struct{ Title, Old, New string }

// noticeFiles makes the e-mail texts and calendars.
func (b *builder) noticeFiles() (map[string][]byte, error) {
	out := map[string][]byte{}
	src, err := b.in.Theme.ReadFile("templates/notice-email.txt.tmpl")
	if err != nil {
		return nil, fmt.Errorf("theme has no e-mail template: %v", err)
	}
	for _, lang := range b.langs {
		loc := b.in.Theme.Localizer(lang)
		res := b.in.Models.Get(lang)
		fm := template.FuncMap{"T": loc.TPairs}
		tmpl, err := template.New("email").Funcs(fm).Option("missingkey=error").Parse(string(src))
		if err != nil {
			return nil, fmt.Errorf("theme template notice-email.txt.tmpl: %v", err)
		}
		var events []string
		for i, r := range b.in.Releases {
			if r.Changes[lang] == nil || i == 0 {
				continue
			}
			prev := b.in.Releases[i-1]
			data := struct {
				Org, Version, Date, Effective, Deadline, Notes, Link string
				Objections                                           *model.RObjections
				Changed                                              []EmailDoc
			}{Org: res.Organisation.Name, Version: r.Version, Notes: r.Notes[lang], Objections: res.Objections}
			for _, x := range []struct {
				iso string
				dst *string
			}{{r.Date, &data.Date}, {r.Effective, &data.Effective}, {r.ObjectionUntil, &data.Deadline}} {
				if *x.dst, err = date(x.iso, lang); err != nil {
					return nil, err
				}
			}
			if data.Link, err = ChangesPDFPath(b.in.Theme, lang, r.Version); err != nil {
				return nil, err
			}
			if base := b.in.Site.BaseURL; base != "" {
				data.Link = strings.TrimSuffix(base, "/") + "/" + data.Link
			}
			for _, d := range r.Docs {
				if d.Lang != lang {
					continue
				}
				dr, ok := r.Documents[d.ID]
				if ok && !dr.Changed {
					continue
				}
				e := EmailDoc{Title: d.Doc.Title, New: r.Version}
				if ok {
					e.New = dr.Version
				}
				if pr, ok := prev.Documents[d.ID]; ok {
					e.Old = pr.Version
				} else if prev.Documents == nil {
					e.Old = prev.Version
				}
				data.Changed = append(data.Changed, e)
			}
			var buf bytes.Buffer
			if err := tmpl.Execute(&buf, data); err != nil {
				return nil, fmt.Errorf("e-mail of release %s (%s): %v", r.Version, lang, err)
			}
			out[EmailPath(lang, r.Version)] = buf.Bytes()
		}
		for _, r := range b.in.Releases {
			for _, ev := range []struct{ key, iso string }{{"SiteCalendarEffective", r.Effective}, {"SiteCalendarDeadline", r.ObjectionUntil}} {
				if ev.iso == "" {
					continue
				}
				summary, err := loc.T(ev.key, map[string]any{"Org": res.Organisation.Name, "Version": r.Version})
				if err != nil {
					return nil, err
				}
				kind := strings.TrimPrefix(strings.ToLower(ev.key), "sitecalendar")
				events = append(events, icsEvent(fmt.Sprintf("%s-%s-%s@trustdocs", r.Version, kind, lang), r.Date, ev.iso, summary, r.Notes[lang]))
			}
		}
		out[CalendarPath(lang)] = []byte(icsCalendar(res.Organisation.Name, lang, events))
	}
	return out, nil
}

// icsEvent is one all-day VEVENT; DTSTAMP is the release date, so that
// the file is the same in every build.
func icsEvent(uid, stamp, day, summary, desc string) string {
	d := strings.ReplaceAll(day, "-", "")
	next := nextDay(day)
	lines := []string{
		"BEGIN:VEVENT",
		"UID:" + uid,
		"DTSTAMP:" + strings.ReplaceAll(stamp, "-", "") + "T000000Z",
		"DTSTART;VALUE=DATE:" + d,
		"DTEND;VALUE=DATE:" + next,
		"SUMMARY:" + icsText(summary),
	}
	if desc != "" {
		lines = append(lines, "DESCRIPTION:"+icsText(desc))
	}
	lines = append(lines, "TRANSP:TRANSPARENT", "END:VEVENT")
	return strings.Join(lines, "\n")
}

func icsCalendar(org, lang string, events []string) string {
	lines := []string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//trustdocs//" + icsText(org) + "//" + strings.ToUpper(lang), "CALSCALE:GREGORIAN", "METHOD:PUBLISH"}
	lines = append(lines, events...)
	lines = append(lines, "END:VCALENDAR")
	var b strings.Builder
	for _, l := range strings.Split(strings.Join(lines, "\n"), "\n") {
		b.WriteString(icsFold(l))
	}
	return b.String()
}

// icsText escapes a TEXT value (RFC 5545 3.3.11).
func icsText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`).Replace(s)
}

// icsFold folds a content line at 75 octets, not inside a UTF-8 sequence,
// and ends it with CRLF (RFC 5545 3.1).
func icsFold(l string) string {
	var b strings.Builder
	n := 0
	for _, r := range l {
		size := len(string(r))
		if n+size > 75 {
			b.WriteString("\r\n ")
			n = 1
		}
		b.WriteRune(r)
		n += size
	}
	b.WriteString("\r\n")
	return b.String()
}

func nextDay(iso string) string {
	var y, m, d int
	fmt.Sscanf(iso, "%d-%d-%d", &y, &m, &d)
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)
	return t.Format("20060102")
}
