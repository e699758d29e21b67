"""The downloadable ``.xlsx`` template: the issue's example instrument, filled in."""

TEMPLATE_FILENAME = "templat-instrumen-pmprb.xlsx"

TEMPLATE = {
    "name": "Contoh instrumen PMPRB",
    "year": 2026,
    "description": "Ganti baris-baris ini dengan instrumen Anda. Baris dengan question atau "
                   "answer_type adalah indikator; parent boleh kosong untuk kode bertitik.",
    "components": [{
        "code": "A", "name": "Pengungkit", "weight": 60, "children": [{
            "code": "A.1", "name": "Pemenuhan", "weight": 20, "indicators": [
                {"code": "A.1.1", "question": "Apakah tim RB telah dibentuk?",
                 "answer_type": "yes_no", "evidence": "SK Tim RB"},
                {"code": "A.1.2", "question": "Persentase rencana aksi yang terealisasi",
                 "answer_type": "percent"},
            ]}]}],
}
