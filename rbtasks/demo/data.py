"""The demo province: Pemerintah Provinsi NTT's Reformasi Birokrasi plan, as data.

Every person, phone number and address here is fictional. Email addresses use
the ``demo.nttprov.go.id`` sub-domain, which has no mailboxes, so a demo that
is accidentally given a real mail server cannot write to real officials.
Item deadlines are offsets in days from the day the demo is seeded, so the
demo always has work that is overdue, due this week and due next quarter.
"""
from decimal import ROUND_CEILING, Decimal
from typing import NamedTuple

DEMO_PASSWORD = "demo-rbtasks-2026"
DEMO_DOMAIN = "demo.nttprov.go.id"


def demo_email(local_part):
    return f"{local_part}@{DEMO_DOMAIN}"


# Road Map RB 2020–2024; the list position is the area's position.
AREAS = (
    "Manajemen Perubahan",
    "Deregulasi Kebijakan",
    "Penataan dan Penguatan Organisasi",
    "Penataan Tatalaksana",
    "Penataan Sistem Manajemen SDM",
    "Penguatan Akuntabilitas",
    "Penguatan Pengawasan",
    "Peningkatan Kualitas Pelayanan Publik",
)

# Parents come before the bureaus under them.
AGENCIES = (
    {"code": "SETDA", "name": "Sekretariat Daerah", "parent": None,
     "head_name": "Drs. Benediktus Ndun, M.Si.", "head_email": demo_email("benediktus.ndun"),
     "head_phone": "+62 812-3700-0101"},
    {"code": "BIRO-ORG", "name": "Biro Organisasi", "parent": "SETDA",
     "head_name": "Yosef Ratu, S.H., M.M.", "head_email": demo_email("kepala.biroorg"),
     "head_phone": "+62 812-3700-0102"},
    {"code": "BIRO-HUKUM", "name": "Biro Hukum", "parent": "SETDA",
     "head_name": "Oktavianus Pello, S.H., M.H.", "head_email": demo_email("kepala.birohukum"),
     "head_phone": "+62 812-3700-0103"},
    {"code": "BKD", "name": "Badan Kepegawaian Daerah", "parent": None,
     "head_name": "Dra. Agustina Hurek, M.Si.", "head_email": demo_email("kepala.bkd"),
     "head_phone": "+62 812-3700-0104"},
    {"code": "INSPEKTORAT", "name": "Inspektorat Daerah", "parent": None,
     "head_name": "Dr. Theresia Mboi, S.E., M.Ak.", "head_email": demo_email("theresia.mboi"),
     "head_phone": "+62 812-3700-0105"},
    {"code": "BAPPELITBANGDA",
     "name": "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
     "parent": None, "head_name": "Ir. Markus Sinlae, M.T.",
     "head_email": demo_email("kepala.bappelitbangda"), "head_phone": "+62 812-3700-0106"},
    {"code": "BPKAD", "name": "Badan Pengelolaan Keuangan dan Aset Daerah", "parent": None,
     "head_name": "Fransiskus Tallo, S.E., M.Si.", "head_email": demo_email("kepala.bpkad"),
     "head_phone": "+62 812-3700-0107"},
    {"code": "DPMPTSP", "name": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
     "parent": None, "head_name": "Wilhelmus Kase, S.Sos., M.Si.",
     "head_email": demo_email("kepala.dpmptsp"), "head_phone": "+62 812-3700-0108"},
    {"code": "DISKOMINFO", "name": "Dinas Komunikasi dan Informatika", "parent": None,
     "head_name": "Aloysius Dethan, S.Kom., M.T.", "head_email": demo_email("kepala.diskominfo"),
     "head_phone": "+62 812-3700-0109"},
    {"code": "DINKES", "name": "Dinas Kesehatan", "parent": None,
     "head_name": "dr. Bernadeta Seran, M.Kes.", "head_email": demo_email("kepala.dinkes"),
     "head_phone": "+62 812-3700-0110"},
)

# The first user of each role is the one `flask rb seed-demo` prints as its login.
USERS = (
    {"key": "admin", "role": "admin", "name": "Yuliana Fanggidae", "agency": "BIRO-ORG",
     "email": demo_email("yuliana.fanggidae"), "phone": "+62 813-3900-0201"},
    {"key": "leader", "role": "leader", "name": "Drs. Benediktus Ndun, M.Si.",
     "agency": "SETDA", "email": demo_email("benediktus.ndun"), "phone": "+62 812-3700-0101"},
    {"key": "tefa", "role": "coordinator", "name": "Agustinus Tefa", "agency": "BIRO-ORG",
     "email": demo_email("agustinus.tefa"), "phone": "+62 813-3900-0203"},
    {"key": "bria", "role": "coordinator", "name": "Margaretha Bria", "agency": "BKD",
     "email": demo_email("margaretha.bria"), "phone": "+62 813-3900-0204"},
    {"key": "nalle", "role": "coordinator", "name": "Hendrikus Nalle", "agency": "INSPEKTORAT",
     "email": demo_email("hendrikus.nalle"), "phone": "+62 813-3900-0205"},
    {"key": "mboi", "role": "agency_head", "name": "Dr. Theresia Mboi, S.E., M.Ak.",
     "agency": "INSPEKTORAT", "email": demo_email("theresia.mboi"),
     "phone": "+62 812-3700-0105"},
    {"key": "kolo", "role": "member", "name": "Ignasius Kolo", "agency": "BIRO-ORG",
     "email": demo_email("ignasius.kolo"), "phone": "+62 852-3900-0301"},
    {"key": "manafe", "role": "member", "name": "Dewi Sartika Manafe", "agency": "BKD",
     "email": demo_email("dewi.manafe"), "phone": "+62 852-3900-0302"},
    # An Inspektorat auditor who reviews the PMPRB self-assessment (an evaluator).
    {"key": "seran", "role": "member", "name": "Yohanes Seran", "agency": "INSPEKTORAT",
     "email": demo_email("yohanes.seran"), "phone": "+62 852-3900-0303", "evaluator": True},
    {"key": "bessie", "role": "member", "name": "Maria Fatima Bessie", "agency": "DPMPTSP",
     "email": demo_email("maria.bessie"), "phone": "+62 852-3900-0304"},
    {"key": "leki", "role": "member", "name": "Paulus Leki", "agency": "BIRO-HUKUM",
     "email": demo_email("paulus.leki"), "phone": "+62 852-3900-0305"},
    {"key": "foenay", "role": "member", "name": "Stefanus Foenay", "agency": "DISKOMINFO",
     "email": demo_email("stefanus.foenay"), "phone": "+62 852-3900-0306"},
    {"key": "amalo", "role": "member", "name": "Ester Amalo", "agency": "BAPPELITBANGDA",
     "email": demo_email("ester.amalo"), "phone": "+62 852-3900-0307"},
    {"key": "sinlae", "role": "member", "name": "Novita Sinlae", "agency": "BPKAD",
     "email": demo_email("novita.sinlae"), "phone": "+62 852-3900-0308"},
    {"key": "leo", "role": "member", "name": "Rosalia Leo", "agency": "DINKES",
     "email": demo_email("rosalia.leo"), "phone": "+62 852-3900-0309"},
)

# One pokja per area; the key is how ITEMS below name it.
POKJA = (
    {"key": "MP", "name": "Pokja Manajemen Perubahan", "area": AREAS[0],
     "lead_agency": "BIRO-ORG", "coordinators": ("tefa",)},
    {"key": "DK", "name": "Pokja Deregulasi Kebijakan", "area": AREAS[1],
     "lead_agency": "BIRO-HUKUM", "coordinators": ("tefa",)},
    {"key": "PO", "name": "Pokja Penataan dan Penguatan Organisasi", "area": AREAS[2],
     "lead_agency": "BIRO-ORG", "coordinators": ("tefa",)},
    {"key": "PT", "name": "Pokja Penataan Tatalaksana", "area": AREAS[3],
     "lead_agency": "BIRO-ORG", "coordinators": ("tefa",)},
    {"key": "SDM", "name": "Pokja Penataan Sistem Manajemen SDM", "area": AREAS[4],
     "lead_agency": "BKD", "coordinators": ("bria",)},
    {"key": "AK", "name": "Pokja Penguatan Akuntabilitas", "area": AREAS[5],
     "lead_agency": "BAPPELITBANGDA", "coordinators": ("nalle",)},
    {"key": "PW", "name": "Pokja Penguatan Pengawasan", "area": AREAS[6],
     "lead_agency": "INSPEKTORAT", "coordinators": ("nalle",)},
    {"key": "PP", "name": "Pokja Peningkatan Kualitas Pelayanan Publik", "area": AREAS[7],
     "lead_agency": "BIRO-ORG", "coordinators": ("tefa",)},
)


class DemoEvidence(NamedTuple):
    """A piece of data dukung: a link, or a small PDF the seed writes (``document``
    is its file name) through the evidence storage like any upload."""

    kind: str
    description: str
    url: str | None = None
    document: str | None = None


_E = DemoEvidence


def demo_link(path):
    """An address on the demo sub-domain: fictional, like the people."""
    return f"https://{DEMO_DOMAIN}/{path}"


class DemoItem(NamedTuple):
    """One row of the demo rencana aksi; ``due_in_days`` counts from seeding day.

    A done or submitted item says when it got there (``finished_in_days``,
    also from seeding day; it was in progress before) and carries its
    evidence, as submitting needs some. The weekly history before seeding is
    worked out from these days.
    """

    pokja: str
    title: str
    output: str
    indicator: str
    target: str
    unit: str
    owner: str
    due_in_days: int
    status: str
    progress: int
    priority: str = "normal"
    budget: int | None = None
    description: str = ""
    finished_in_days: int | None = None
    evidence: tuple[DemoEvidence, ...] = ()


_I = DemoItem
ITEMS = (
    _I("MP", "Menyusun rencana kerja Tim Reformasi Birokrasi", "Dokumen rencana kerja Tim RB",
       "Rencana kerja ditetapkan Ketua Tim RB", "1", "dokumen", "kolo", -52, "done", 100,
       "high", 15_000_000, finished_in_days=-38, evidence=(
           _E("sk", "Keputusan Ketua Tim RB tentang rencana kerja",
              document="rencana-kerja-tim-rb.pdf"),)),
    _I("MP", "Melaksanakan sosialisasi zona integritas kepada perangkat daerah",
       "Notulen, daftar hadir dan foto sosialisasi",
       "Jumlah perangkat daerah yang mengikuti sosialisasi", "42", "perangkat daerah", "kolo",
       -20, "submitted", 100, "normal", 35_000_000, finished_in_days=-9, evidence=(
           _E("notulen", "Notulen sosialisasi zona integritas",
              document="notulen-sosialisasi-zi.pdf"),
           _E("foto", "Album foto sosialisasi", url=demo_link("galeri/sosialisasi-zi")))),
    _I("MP", "Membentuk agen perubahan di setiap perangkat daerah",
       "SK Gubernur tentang agen perubahan", "SK agen perubahan ditetapkan", "1", "SK", "kolo",
       -8, "in_progress", 60, "high"),
    _I("MP", "Menyusun media komunikasi perubahan (video dan infografis RB)",
       "Video profil RB dan 12 infografis", "Jumlah konten publikasi RB", "13", "konten",
       "foenay", 25, "in_progress", 40, "normal", 20_000_000),
    _I("MP", "Melaksanakan monitoring dan evaluasi rencana aksi RB triwulan IV",
       "Laporan monev triwulan IV", "Laporan monev disampaikan kepada Ketua Tim RB", "1",
       "laporan", "kolo", 70, "not_started", 0),
    _I("DK", "Melakukan inventarisasi peraturan daerah yang menghambat investasi",
       "Daftar perda yang perlu dicabut atau direvisi",
       "Persentase perda yang telah diinventarisasi", "100", "persen", "leki", -45, "done", 100,
       "high", 10_000_000, finished_in_days=-31, evidence=(
           _E("laporan", "Daftar inventarisasi perda di JDIH",
              url=demo_link("jdih/inventarisasi-perda")),)),
    _I("DK", "Menyusun rekomendasi pencabutan peraturan gubernur yang tidak relevan",
       "Rekomendasi pencabutan pergub", "Rekomendasi disampaikan kepada Gubernur", "1",
       "dokumen", "leki", -15, "blocked", 30, "normal", None,
       "Kendala: menunggu hasil harmonisasi dari Kanwil Kemenkumham NTT."),
    _I("DK", "Melaksanakan harmonisasi rancangan perda tentang perizinan berusaha",
       "Berita acara harmonisasi", "Rancangan perda selesai diharmonisasi", "1", "ranperda",
       "leki", 20, "in_progress", 50, "normal", 25_000_000),
    _I("DK", "Mempublikasikan produk hukum daerah melalui JDIH",
       "Produk hukum terunggah di JDIH Provinsi NTT",
       "Persentase produk hukum tahun berjalan yang terunggah", "100", "persen", "leki", 3,
       "in_progress", 70, "low"),
    _I("DK", "Menyusun analisis dampak regulasi kebijakan pelayanan perizinan",
       "Dokumen analisis dampak regulasi", "Analisis disampaikan kepada Tim RB", "1",
       "dokumen", "bessie", 85, "not_started", 0, "normal", 30_000_000),
    _I("PO", "Melaksanakan evaluasi kelembagaan perangkat daerah",
       "Laporan evaluasi kelembagaan", "Jumlah perangkat daerah yang dievaluasi", "42",
       "perangkat daerah", "kolo", -38, "done", 100, "high", 40_000_000,
       finished_in_days=-24, evidence=(
           _E("laporan", "Laporan evaluasi kelembagaan",
              document="laporan-evaluasi-kelembagaan.pdf"),)),
    _I("PO", "Menyusun peta jabatan hasil penyederhanaan birokrasi",
       "Peta jabatan seluruh perangkat daerah", "Peta jabatan ditetapkan", "1", "dokumen",
       "manafe", -3, "submitted", 100, "high", finished_in_days=-1, evidence=(
           _E("sk", "Rancangan keputusan gubernur tentang peta jabatan",
              url=demo_link("dokumen/peta-jabatan-2026")),)),
    _I("PO", "Menyusun analisis beban kerja unit kerja", "Dokumen analisis beban kerja",
       "Persentase unit kerja yang memiliki ABK", "100", "persen", "kolo", -27, "in_progress",
       75, "normal", 18_000_000),
    _I("PO", "Menyusun rancangan peraturan gubernur tentang tugas dan fungsi UPTD",
       "Rancangan pergub", "Rancangan pergub diajukan untuk harmonisasi", "1", "ranpergub",
       "leki", 32, "not_started", 0),
    _I("PO", "Melaksanakan penyetaraan jabatan administrasi ke jabatan fungsional tahap III",
       "Berita acara pelantikan penyetaraan", "Jumlah pejabat yang disetarakan", "120",
       "orang", "manafe", 60, "in_progress", 20),
    _I("PT", "Menyusun SOP pelayanan perizinan", "SOP pelayanan perizinan",
       "Jumlah SOP yang ditetapkan", "25", "SOP", "bessie", -12, "in_progress", 80, "high",
       12_000_000),
    _I("PT", "Menyusun peta proses bisnis Pemerintah Provinsi NTT", "Dokumen peta proses bisnis",
       "Peta proses bisnis ditetapkan dengan keputusan gubernur", "1", "dokumen", "kolo", -58,
       "done", 100, "high", 50_000_000, finished_in_days=-45, evidence=(
           _E("sk", "Keputusan gubernur tentang peta proses bisnis",
              url=demo_link("jdih/kepgub-peta-proses-bisnis")),)),
    _I("PT", "Menerapkan tanda tangan elektronik pada naskah dinas",
       "Naskah dinas bertanda tangan elektronik",
       "Persentase perangkat daerah yang menerapkan TTE", "80", "persen", "foenay", 1,
       "in_progress", 55, "high", 75_000_000),
    _I("PT", "Melaksanakan evaluasi mandiri Sistem Pemerintahan Berbasis Elektronik (SPBE)",
       "Laporan evaluasi mandiri SPBE", "Indeks SPBE hasil evaluasi mandiri", "3,0", "indeks",
       "foenay", 40, "not_started", 0),
    _I("PT", "Mengintegrasikan aplikasi persuratan elektronik dengan aplikasi kepegawaian",
       "Aplikasi persuratan terintegrasi", "Jumlah aplikasi yang terintegrasi", "2",
       "aplikasi", "foenay", -30, "blocked", 40, "normal", 150_000_000,
       "Kendala: anggaran server belum tersedia dalam APBD perubahan."),
    _I("SDM", "Menyusun kebutuhan ASN berdasarkan analisis jabatan", "Dokumen usulan formasi ASN",
       "Usulan formasi disampaikan ke KemenPANRB", "1", "dokumen", "manafe", -41, "done", 100,
       "high", finished_in_days=-41, evidence=(
           _E("laporan", "Surat usulan formasi ASN ke KemenPANRB",
              url=demo_link("dokumen/usulan-formasi-asn")),)),
    _I("SDM", "Melaksanakan penilaian kinerja ASN melalui e-kinerja",
       "Laporan penilaian kinerja ASN", "Persentase ASN yang menyusun SKP di e-kinerja", "95",
       "persen", "manafe", -5, "in_progress", 85, "high"),
    _I("SDM", "Menyusun rencana pengembangan kompetensi ASN",
       "Dokumen rencana pengembangan kompetensi", "Rencana ditetapkan Kepala BKD", "1",
       "dokumen", "manafe", 28, "in_progress", 30, "normal", 20_000_000),
    _I("SDM", "Melaksanakan uji kompetensi jabatan pimpinan tinggi pratama",
       "Laporan hasil uji kompetensi", "Jumlah pejabat yang mengikuti uji kompetensi", "30",
       "orang", "manafe", 55, "not_started", 0, "normal", 90_000_000),
    _I("SDM", "Memutakhirkan data ASN pada SIASN", "Data ASN mutakhir",
       "Persentase data ASN yang dimutakhirkan", "100", "persen", "manafe", 7, "in_progress",
       90, "low"),
    _I("AK", "Menyusun Laporan Kinerja Instansi Pemerintah (LKjIP)", "Dokumen LKjIP",
       "LKjIP disampaikan tepat waktu", "1", "dokumen", "amalo", -50, "done", 100, "high",
       finished_in_days=-53, evidence=(
           _E("laporan", "LKjIP Provinsi NTT", url=demo_link("dokumen/lkjip")),)),
    _I("AK", "Melaksanakan reviu indikator kinerja utama perangkat daerah",
       "Keputusan gubernur tentang IKU", "Persentase perangkat daerah dengan IKU yang direviu",
       "100", "persen", "amalo", -18, "in_progress", 65),
    _I("AK", "Menyusun perjanjian kinerja berjenjang sampai pengawas",
       "Dokumen perjanjian kinerja",
       "Persentase pejabat yang menandatangani perjanjian kinerja", "100", "persen", "amalo",
       35, "not_started", 0),
    _I("AK", "Mengintegrasikan perencanaan dan penganggaran melalui SIPD",
       "Dokumen RKA terintegrasi", "Persentase program yang selaras dengan RPJMD", "100",
       "persen", "sinlae", 50, "in_progress", 35, "normal", 45_000_000),
    _I("AK", "Menyusun laporan realisasi anggaran per triwulan", "Laporan realisasi anggaran",
       "Jumlah laporan realisasi triwulan", "4", "laporan", "sinlae", 88, "in_progress", 75,
       "low"),
    _I("PW", "Menyusun laporan PMPRB", "Laporan Penilaian Mandiri Pelaksanaan RB",
       "Laporan PMPRB diunggah ke aplikasi PMPRB", "1", "laporan", "seran", -33, "done", 100,
       "high", 30_000_000, finished_in_days=-33, evidence=(
           _E("laporan", "Laporan PMPRB", document="laporan-pmprb.pdf"),)),
    _I("PW", "Melaksanakan reviu laporan keuangan pemerintah daerah",
       "Laporan hasil reviu LKPD", "Reviu selesai sebelum LKPD diserahkan ke BPK", "1",
       "laporan", "seran", -10, "submitted", 100, "high", finished_in_days=-11, evidence=(
           _E("laporan", "Laporan hasil reviu LKPD", url=demo_link("dokumen/reviu-lkpd")),)),
    _I("PW", "Membangun zona integritas menuju WBK pada unit pelayanan",
       "Lembar kerja evaluasi zona integritas", "Jumlah unit kerja yang diusulkan WBK", "3",
       "unit kerja", "seran", 18, "in_progress", 45, "high", 60_000_000),
    _I("PW", "Melaksanakan pengendalian gratifikasi dan pelaporan LHKPN",
       "Rekap LHKPN dan laporan gratifikasi",
       "Persentase wajib lapor yang menyampaikan LHKPN", "100", "persen", "seran", -24,
       "in_progress", 92),
    _I("PW", "Menindaklanjuti rekomendasi hasil pemeriksaan BPK",
       "Laporan tindak lanjut hasil pemeriksaan", "Persentase rekomendasi yang ditindaklanjuti",
       "90", "persen", "seran", 75, "not_started", 0),
    _I("PP", "Melaksanakan survei kepuasan masyarakat", "Laporan survei kepuasan masyarakat",
       "Indeks kepuasan masyarakat", "82", "indeks", "bessie", -60, "done", 100, "normal",
       25_000_000, finished_in_days=-44, evidence=(
           _E("laporan", "Laporan survei kepuasan masyarakat",
              document="laporan-skm.pdf"),
           _E("daftar_hadir", "Daftar responden survei",
              url=demo_link("dokumen/responden-skm")))),
    _I("PP", "Menyusun standar pelayanan pada Mal Pelayanan Publik",
       "Standar pelayanan ditetapkan", "Jumlah jenis layanan yang memiliki standar pelayanan",
       "30", "jenis layanan", "bessie", 10, "in_progress", 60, "high"),
    _I("PP", "Mengintegrasikan kanal pengaduan masyarakat dengan SP4N-LAPOR!",
       "Kanal pengaduan terintegrasi", "Persentase pengaduan yang ditindaklanjuti", "90",
       "persen", "foenay", -2, "not_started", 0, "high"),
    _I("PP", "Menerapkan inovasi pelayanan kesehatan berbasis digital",
       "Aplikasi antrean daring rumah sakit daerah",
       "Jumlah fasilitas kesehatan yang menerapkan", "5", "fasilitas", "leo", 48, "blocked",
       15, "normal", 120_000_000, "Kendala: jaringan internet di tiga kabupaten belum stabil."),
    _I("PP", "Melaksanakan pelatihan pelayanan prima bagi petugas front office",
       "Sertifikat dan daftar hadir pelatihan", "Jumlah petugas yang dilatih", "60", "orang",
       "leo", 30, "not_started", 0, "low", 40_000_000),
)


# The province's published RB index (year, score, source): the reference
# case in shared/DOMAIN.md, and the RPJMD's target for 2021.
PUBLISHED_INDEX = (
    (2017, Decimal("61.65"), "Hasil evaluasi RB KemenPANRB 2017"),
    (2018, Decimal("60.15"), "Hasil evaluasi RB KemenPANRB 2018"),
    (2019, Decimal("60.37"), "Hasil evaluasi RB KemenPANRB 2019"),
)
RPJMD_TARGET = (2021, Decimal("71.00"), "Target RPJMD Provinsi NTT")
# After 2019 the demo makes up a climb of about two points a year, so that the
# chart reaches last year whenever the demo is seeded.
YEARLY_GAIN = Decimal("1.85")
WOBBLE = (Decimal("0.40"), Decimal("-0.55"), Decimal("0.20"))
CEILING = Decimal("88.00")


class IndexYear(NamedTuple):
    year: int
    score: Decimal | None
    target: Decimal | None
    note: str


def index_history(this_year):
    """The RB index from 2017 to last year, and a target for ``this_year``.

    The published years first, then illustrative scores marked as such; the
    target for this year is the next whole point two above last year's score.
    """
    published = {year: (score, note) for year, score, note in PUBLISHED_INDEX}
    years = []
    for year in range(PUBLISHED_INDEX[0][0], this_year):
        score, note = published.get(year) or (_illustrative_score(year),
                                               "Contoh demo, bukan hasil resmi")
        target = RPJMD_TARGET[1] if year == RPJMD_TARGET[0] else None
        if target is not None:
            note = f"{note}; {RPJMD_TARGET[2]}"
        years.append(IndexYear(year, score, target, note))
    last_score = years[-1].score if years else PUBLISHED_INDEX[0][1]
    target = min((last_score + 2).to_integral_value(ROUND_CEILING), Decimal(100))
    target = target.quantize(Decimal("0.01"))
    years.append(IndexYear(this_year, None, target, "Target demo tahun berjalan"))
    return years


def _illustrative_score(year):
    last_year, last_score, _note = PUBLISHED_INDEX[-1]
    score = last_score + YEARLY_GAIN * (year - last_year) + WOBBLE[year % len(WOBBLE)]
    return min(score, CEILING).quantize(Decimal("0.01"))
