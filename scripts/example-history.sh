#!/usr/bin/env bash
# Recreates the example release history of content/ (content/releases/):
#   1.0  2025-06-02  DARZ, noris network and iWay; logs kept up to 12 months;
#                    the wiki counted as relevant for the secrecy of
#                    telecommunications; an older e-mail encryption measure
#   1.1  2025-12-01  DATASIX (Vienna) replaces noris network (Nuremberg):
#                    a subprocessor and data centre added, one removed
#   2.0  2026-11-01  log retention shortened to 6 months, the wiki's goal no
#                    longer relevant, the e-mail measure rewritten, a typo fixed
#   2.1  2026-11-23  the current content: the overview plan (plan.yaml, the
#                    sites' components) added
# Each document has its own version: 1.1 changes all three (DATASIX), 2.0
# the security concept and the TOMs, 2.1 only the security concept.
# The older states are derived from the current content by the edits below,
# so the history stays valid when the content grows. Each release stores the
# PDFs it published, typeset by the trustdocs built here: re-run this after a
# renderer change to give the example releases new artefacts. Releases are
# immutable: run this only to rebuild the example, which nobody has signed,
# never on a real site's history.
set -euo pipefail
cd "$(dirname "$0")/.."
content=${1:-content}
bin=$(mktemp -d)/trustdocs
go build -o "$bin" ./cmd/trustdocs
work=$(mktemp -d)
trap 'rm -rf "$work" "$(dirname "$bin")"' EXIT

rm -rf "$content/releases"
# Releases before 2.1 have no overview plan: no plan.yaml, no components.
noplan() {
  rm -f "$1/plan.yaml"
  perl -0pi -e 's/\n# What runs there.*\z/\n/s' "$1"/sites/*.yaml
}
cp -r "$content" "$work/c20"
noplan "$work/c20"
cp -r "$work/c20" "$work/c"
c=$work/c

# --- state 1.1: DATASIX in place, but logs kept 12 months, older wordings ---
perl -0pi -e 's/spätestens nach 6 Monaten/spätestens nach 12 Monaten/g; s/at the latest after 6 months/at the latest after 12 months/g; s/at the latest after six months/at the latest after twelve months/g' "$c"/measures/*.yaml
perl -0pi -e 's/  telecom-secrecy:\n    status: not-relevant\n    reason:\n      de: [^\n]*\n      en: [^\n]*\n(?:      en\@: [^\n]*\n)?/  telecom-secrecy: relevant\n/' "$c/subsystems/10-wiki.yaml"
perl -0pi -e 's/E-Mail-Verschlüsselung ist möglich, allerdings immer abhängig vom Empfänger\. Eine durchgehende, einfach zu bedienende Lösung ist auf dem Markt nicht verfügbar\. Die Mitarbeiter sind angehalten, wo möglich die E-Mails verschlüsselt zu verschicken\./E-Mails können verschlüsselt werden, wenn der Empfänger dies unterstützt./; s/E-mail encryption is possible, but always depends on the recipient\.[^\n]*? wherever possible\./E-mails can be encrypted if the recipient supports it./' "$c/measures/08-email.yaml"
perl -0pi -e 's/Zugriffsberechtigungen auf Systeme werden dokumentiert\./Zugriffsberechtigungen auf Systeme werden dokumentirt./' "$c"/measures/*.yaml
# doc DIR ID VERSION DATE sets one document's version and date in DIR/site.yaml.
doc() { perl -0pi -e "s/(- id: $2\n(?:(?!  - id:).)*?version: )\"[0-9.]+\"((?:(?!  - id:).)*?\n    date: )[0-9-]+/\${1}\"$3\"\${2}$4/s" "$1/site.yaml"; }
docs() { for d in sicherheitskonzept toms subprocessors processing; do doc "$c" $d "$1" "$2"; done; }

docs 1.1 2025-12-01
cp -r "$c" "$work/c11" # released after 1.0, against it

# --- state 1.0: noris network instead of DATASIX ---
rm "$c/subsystems/03-datasix.yaml" "$c/vendors/datasix.yaml" "$c/sites/02-datasix.yaml" "$c/measures/05-datasix.yaml"
cat > "$c/vendors/noris.yaml" <<'EOF'
# Rented data centre in Nuremberg (until release 1.1).
id: noris
name: noris network
legal_name: noris network AG
address: {street: Thomas-Mann-Straße 16–20, postcode: "90471", city: Nürnberg, country: DE}
website: https://www.noris.de
statement:
  de: noris network ist eine deutsche Firma und dem BDSG und der EU-DSGVO verpflichtet.
  en: noris network is a German company and bound by the BDSG and the EU GDPR.
certifications:
  - {name: ISO 27001}
role: subprocessor
service:
  de: Hosting virtueller Maschinen für Zoom Meeting Connectoren und Recording Connectoren
  en: Hosting of virtual machines for Zoom Meeting Connectors and Recording Connectors
data:
  de: IP-Adressen; Mediendaten der Meetings (verarbeitet, nicht gespeichert)
  en: IP addresses; media data of meetings (processed, not stored)
locations: [DE]
dpa: true
transfer: none
EOF
cat > "$c/sites/02-noris.yaml" <<'EOF'
id: noris
name: {de: Rechenzentrum noris network, en: noris network data centre}
kind: data-centre
vendor: noris
EOF
perl -pe 's/^id: darz/id: noris/; s/^provider: darz/provider: noris/; s/Rechenzentrum DARZ/Rechenzentrum noris network/g; s/DARZ data centre/noris network data centre/g; s/Im DARZ sind/Bei noris network sind/; s/der VMware Umgebung des DARZ/der VMware Umgebung von noris network/; s/At DARZ,/At noris network,/; s/in DARZ.s VMware/in noris network'"'"'s VMware/' \
  "$content/subsystems/02-darz.yaml" > "$c/subsystems/03-noris.yaml"
perl -pi -e 's/^  sites: \[datasix\]$/  sites: [noris]/' "$c/measures/16-anlage1.yaml"
perl -0pi -e 's/DATASIX \(Wien\)/noris network (Nürnberg)/g; s/DATASIX \(Vienna\)/noris network (Nuremberg)/g' "$c"/pages/*.md
docs 1.0 2025-06-02
"$bin" release 1.0 --content "$c" --date 2025-06-02 \
  --notes "Erste veröffentlichte Fassung." --note en="First published edition." >/dev/null

# --- 1.1: DATASIX replaces noris network (a subprocessor replaced) ---
mkdir -p "$work/c11/releases"
cp -r "$c/releases/1.0" "$work/c11/releases/1.0"
"$bin" release 1.1 --content "$work/c11" --date 2025-12-01 --effective 2026-01-01 --approved-by "Jürgen Stierhof" --approved 2025-11-28 \
  --notes "DATASIX (Wien) ersetzt noris network (Nürnberg) als Rechenzentrum für die Zoom Server von C4V." \
  --note en="DATASIX (Vienna) replaces noris network (Nuremberg) as the data centre for C4V's Zoom servers." >/dev/null

# --- put the history together and release the current content as 2.0 ---
mkdir -p "$content/releases"
mv "$c/releases/1.0" "$content/releases/1.0"
mv "$work/c11/releases/1.1" "$content/releases/1.1"
c=$work/c20
doc "$c" sicherheitskonzept 2.0 2026-11-01
doc "$c" toms 2.0 2026-11-01
doc "$c" subprocessors 1.1 2025-12-01
doc "$c" processing 1.1 2025-12-01
mkdir -p "$c/releases"
cp -r "$content/releases/." "$c/releases/"
"$bin" release 2.0 --content "$c" --date 2026-11-01 --effective 2026-12-01 \
  --notes "Systemlogs werden spätestens nach 6 statt 12 Monaten gelöscht; das Wiki ist für das Fernmeldegeheimnis nicht relevant; die Angaben zur E-Mail-Verschlüsselung sind präzisiert." \
  --note en="System logs are deleted after 6 instead of 12 months at the latest; the wiki is not relevant to the secrecy of telecommunications; the statement on e-mail encryption is more precise." >/dev/null
mv "$c/releases/2.0" "$content/releases/2.0"
doc "$content" sicherheitskonzept 2.1 2026-11-23
doc "$content" toms 2.0 2026-11-01
doc "$content" subprocessors 1.1 2025-12-01
doc "$content" processing 1.1 2025-12-01
"$bin" release 2.1 --content "$content" --date 2026-11-23 \
  --notes "Übersichtsplan ergänzt: Rechenzentren mit ihren Komponenten, Cloud-Dienste und ihre Verbindungen (Kapitel 1.2)." \
  --note en="Overview plan added: data centres with their components, cloud services and their connections (chapter 1.2)."
"$bin" releases --content "$content"
