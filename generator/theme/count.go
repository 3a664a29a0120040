package theme

import (
	"fmt"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// Count returns the message id in the plural form for n (go-i18n's one,
// other, … of the language), filled with data and .Count.
func (l *Localizer) Count(id string, n int, data map[string]any) (string, error) {
	d := map[string]any{"Count": n}
	for k, v := range data {
		d[k] = v
	}
	msg, tag, err := l.loc.LocalizeWithTag(&i18n.LocalizeConfig{MessageID: id, TemplateData: d, PluralCount: n})
	if err != nil {
		return "", fmt.Errorf("UI message %q (%s, count %d): %v", id, l.lang, n, err)
	}
	if base, _ := tag.Base(); base.String() != l.lang {
		return "", fmt.Errorf("UI message %q has no %s translation in the theme's i18n/%s.yaml", id, l.lang, l.lang)
	}
	return msg, nil
}
