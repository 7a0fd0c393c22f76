package opendata_test

import (
	"testing"
)

// strategieByID finds a strategy of agenda.json by its slug.
func strategieByID(t *testing.T, doc map[string]any, id string) map[string]any {
	t.Helper()
	for _, s := range doc["strategien"].([]any) {
		if m := s.(map[string]any); m["id"] == id {
			return m
		}
	}
	t.Fatalf("Strategie %s fehlt in agenda.json", id)
	return nil
}

// Decisions and participation formats of the bundled site are in
// agenda.json: the example's full log with phases and Gremium keys, a real
// decision with its source, and formats split by the build date 23.11.2026.
func TestJSONBeschluesseUndBeteiligung(t *testing.T) {
	doc, _ := dokument(t)

	bsp := strategieByID(t, doc, "beispiel-kommunen")
	bs := bsp["beschluesse"].([]any)
	if len(bs) != 6 {
		t.Fatalf("Beispiel: %d Beschlüsse, erwartet 6", len(bs))
	}
	first, last := bs[0].(map[string]any), bs[5].(map[string]any)
	if first["phase"] != "projektstart" || first["gremium_schluessel"] != nil || first["gremium"] != "Hausleitung des TMDI" {
		t.Errorf("erster Beschluss: %v", jsonText(first))
	}
	if last["gremium_schluessel"] != "steuerkreis" || last["gremium"] != "Steuerkreis" || last["phase"] != "umsetzung" ||
		last["datum"].(map[string]any)["von"] != "2026-07-15" || last["id"] != "beschluss-2026-07-15" {
		t.Errorf("Korrektur-Beschluss: %v", jsonText(last))
	}
	if u := bs[2].(map[string]any)["dokument_url"]; u != "https://digital.thueringen.de/strategien/beispiel-kommunen/meldungen/2025-05-23-strategie-beschlossen/" {
		t.Errorf("Dokument-Link eines Beschlusses ist nicht absolut: %v", u)
	}
	if bs[3].(map[string]any)["id"] != "beschluss-2025-05-22-2" {
		t.Errorf("zweiter Beschluss am selben Tag braucht eigene ID: %v", bs[3].(map[string]any)["id"])
	}

	bt := bsp["beteiligung"].(map[string]any)
	k := bt["kontakt"].(map[string]any)
	if k["email"] != "digitalstrategie-kommunen@example.org" {
		t.Errorf("Kontakt: %v", jsonText(k))
	}
	zaehl := map[string]int{}
	for _, f := range bt["formate"].([]any) {
		zaehl[f.(map[string]any)["zeitlich"].(string)]++
	}
	if zaehl["kommend"] != 2 || zaehl["vergangen"] != 5 || zaehl["ohne-termin"] != 0 {
		t.Errorf("Formate nach Zeit: %v, erwartet 2 kommend und 5 vergangen", zaehl)
	}
	f0 := bt["formate"].([]any)[0].(map[string]any)
	if f0["titel"] != "Umfrage zur Zufriedenheit mit der Beratung" || f0["datum"].(map[string]any)["bis"] != "2027-01-15" {
		t.Errorf("erstes kommendes Format: %v", jsonText(f0))
	}

	// Real strategies: only what a source states; no invented contact.
	ss := strategieByID(t, doc, "smart-state")
	b0 := ss["beschluesse"].([]any)[0].(map[string]any)
	if b0["datum"].(map[string]any)["von"] != "2026-02-18" || b0["quelle"] == nil || b0["phase"] != nil {
		t.Errorf("Smart State: %v", jsonText(b0))
	}
	sb := ss["beteiligung"].(map[string]any)
	if sb["kontakt"] != nil {
		t.Errorf("Smart State hat keinen veröffentlichten Kontakt, agenda.json nennt %v", jsonText(sb["kontakt"]))
	}
	if f := sb["formate"].([]any)[0].(map[string]any); f["zeitlich"] != "ohne-termin" || f["datum"] != nil {
		t.Errorf("Dialog-Formate ohne Termin: %v", jsonText(f))
	}
	kultur := strategieByID(t, doc, "kultur")
	if len(kultur["beschluesse"].([]any)) != 0 || kultur["beteiligung"].(map[string]any)["kontakt"] != nil {
		t.Errorf("Kultur ohne Angaben: %v", jsonText(kultur))
	}
}
