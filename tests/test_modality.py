"""The modality stage: which found triggers state a real international aid act, and how surely."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract.modality import STATED, Modality, default_rules, judge, load_rules, tokenize
from etl.models import CERTAINTIES


def verdict(sentence: str, trigger: str, language: str | None, event_type: str | None) -> str:
    """The judgement of the first occurrence of `trigger`, as "drop:<rule>" or the certainty kept."""
    start = sentence.index(trigger)
    found = judge(sentence, start, start + len(trigger), language, event_type=event_type)
    return found.certainty if found.keep else f"drop:{found.rule}"


# (sentence, trigger, language, event type, expected: a certainty, or drop:<rule name>)
KEPT = [
    pytest.param(
        "Korea Selatan memberikan dukungan logistik bagi tim SAR di Turki.",
        "memberikan",
        "id",
        "provide_aid",
        "stated",
        id="id-dukungan-logistik-stays",
    ),
    pytest.param(
        "In May Ecuador sent a second plane of medicine to Peru.",
        "sent",
        "en",
        "provide_aid",
        "stated",
        id="en-month-may-is-no-hedge",
    ),
    pytest.param(
        "The tents Ankara asked for arrived in Gaziantep on Monday.",
        "arrived",
        "en",
        "provide_aid",
        "stated",
        id="en-the-aid-asked-for-arrived",
    ),
    pytest.param(
        "Japan's No. 2 diplomat handed over the cheque in Suva.",
        "handed over",
        "en",
        "provide_aid",
        "stated",
        id="en-no-dot-number",
    ),
    pytest.param(
        "Tokyo sent what is believed to be its largest rescue team abroad.",
        "sent",
        "en",
        "provide_aid",
        "stated",
        id="en-believed-to-be-largest",
    ),
    pytest.param(
        "Muatan yang diangkut antara lain tenda, selimut, dan genset.",
        "diangkut",
        "id",
        "provide_aid",
        "stated",
        id="id-antara-lain-is-not-the-agency",
    ),
    pytest.param(
        "Norway bought tents in Turkey and sent them to the quake zone.",
        "sent",
        "en",
        "provide_aid",
        "stated",
        id="en-a-donor-buying-supplies-still-gives",
    ),
    pytest.param(
        "Malta sent water purifiers to ease the shortage in the camps.",
        "sent",
        "en",
        "provide_aid",
        "stated",
        id="en-sent-to-ease-a-shortage",
    ),
    pytest.param(
        "Jepang mengirim genset untuk mengatasi kekurangan listrik di rumah sakit.",
        "mengirim",
        "id",
        "provide_aid",
        "stated",
        id="id-kirim-atasi-kekurangan",
    ),
    pytest.param(
        "Analysts noted that Japan, which will host the summit, sent aid first.",
        "sent",
        "en",
        "provide_aid",
        "stated",
        id="en-modal-in-a-relative-clause",
    ),
    pytest.param(
        "The UN asked for support for its flood appeal in Sindh.",
        "asked",
        "en",
        "request_aid",
        "stated",
        id="en-support-for-an-appeal-stays",
    ),
    pytest.param(
        "Korea provided humanitarian support to the displaced families in Kyiv.",
        "provided",
        "en",
        "provide_aid",
        "stated",
        id="en-humanitarian-support-stays",
    ),
    pytest.param(
        "Jepang tak ketinggalan mengirimkan tim penyelamat ke Turki.",
        "mengirimkan",
        "id",
        "provide_aid",
        "stated",
        id="id-tak-ketinggalan",
    ),
    pytest.param(
        "It was not until Tuesday that Oslo sent the first plane.",
        "sent",
        "en",
        "provide_aid",
        "stated",
        id="en-not-until",
    ),
    pytest.param(
        "Vietnam sent rice, not troops, to the island.",
        "sent",
        "en",
        "provide_aid",
        "stated",
        id="en-not-after-the-act",
    ),
    pytest.param(
        "Foreign help that the mayor once suggested was unneeded kept arriving.",
        "help",
        "en",
        "provide_aid",
        "stated",
        id="en-hint-word-after-the-act",
    ),
    pytest.param(
        "Jepang belum butuh bantuan asing untuk saat ini.",
        "belum butuh",
        "id",
        "decline_aid",
        "stated",
        id="id-belum-butuh-is-the-trigger",
    ),
    pytest.param(
        "No fewer than thirty states offered rescuers to Ankara.",
        "offered",
        "en",
        "offer_aid",
        "stated",
        id="en-no-fewer-than",
    ),
    pytest.param(
        "Tidak kurang dari sepuluh negara mengirim tim penyelamat ke Palu.",
        "mengirim",
        "id",
        "provide_aid",
        "stated",
        id="id-tidak-kurang-dari",
    ),
    pytest.param(
        "Video yang beredar memperlihatkan pesawat TNI menerjunkan bantuan di atas Gaza.",
        "menerjunkan",
        "id",
        "provide_aid",
        "stated",
        id="id-circulating-video-of-a-real-drop",
    ),
    pytest.param(
        "Indonesia mengirim bantuan ke Sudan, padahal bansos di dalam negeri belum merata.",
        "mengirim",
        "id",
        "provide_aid",
        "stated",
        id="id-bansos-in-a-contrast-clause",
    ),
    pytest.param(
        "The ministry denied any delay and said the tents had been delivered on Friday.",
        "delivered",
        "en",
        "provide_aid",
        "stated",
        id="en-denial-of-something-else",
    ),
    pytest.param(
        "Kemlu membantah isu itu dan menegaskan bantuan sudah dikirim ke Sudan.",
        "dikirim",
        "id",
        "provide_aid",
        "stated",
        id="id-bantahan-lalu-penegasan",
    ),
    pytest.param(
        "The tremor caused no damage and Japan sent engineers anyway.",
        "sent",
        "en",
        "provide_aid",
        "stated",
        id="en-no-in-another-phrase",
    ),
    pytest.param(
        "Why did Jakarta send a hospital ship to Gaza?",
        "send",
        "en",
        "provide_aid",
        "stated",
        id="en-why-question-takes-act-as-done",
    ),
    pytest.param(
        "Mengapa Indonesia mengirim bantuan ke Afganistan?",
        "mengirim",
        "id",
        "provide_aid",
        "stated",
        id="id-mengapa-question",
    ),
    pytest.param(
        "Instead of sending troops, Lisbon paid for two cargo flights.",
        "paid",
        "en",
        "provide_aid",
        "stated",
        id="en-act-after-instead-of",
    ),
    pytest.param(
        "The first Qatari aid flight reached Kathmandu on Sunday.",
        "reached",
        "en",
        "provide_aid",
        "stated",
        id="en-aid-reached",
    ),
    pytest.param(
        "Bantuan dari Singapura tiba di Bandara Mutiara pada Rabu pagi.",
        "tiba",
        "id",
        "provide_aid",
        "stated",
        id="id-bantuan-tiba",
    ),
    pytest.param(
        "Seoul sent a rescue team to assist the Turkish search.",
        "sent",
        "en",
        "provide_aid",
        "stated",
        id="en-assist-verb-is-not-football",
    ),
    pytest.param(
        "Relawan Malaysia membagikan selimut di stadion yang kini menjadi tempat pengungsian.",
        "membagikan",
        "id",
        "provide_aid",
        "stated",
        id="id-stadium-shelter-is-not-football",
    ),
    pytest.param(
        "The Arab League pledged relief goods for the flood victims.",
        "pledged",
        "en",
        "offer_aid",
        "stated",
        id="en-arab-league-is-not-football",
    ),
    pytest.param(
        "Norway sent two planes of tents to Kabul on Tuesday.",
        "sent",
        "en",
        "provide_aid",
        "stated",
        id="en-plain-provide",
    ),
    pytest.param(
        "Vietnam offered rice and medicine to Cuba after the storm.",
        "offered",
        "en",
        "offer_aid",
        "stated",
        id="en-plain-offer",
    ),
    pytest.param(
        "Pemerintah Malaysia mengirimkan tim medis ke Lombok, Senin.",
        "mengirimkan",
        "id",
        "provide_aid",
        "stated",
        id="id-plain-provide",
    ),
    pytest.param(
        "Singapura menawarkan bantuan pesawat kepada Filipina.",
        "menawarkan",
        "id",
        "offer_aid",
        "stated",
        id="id-plain-offer",
    ),
    pytest.param(
        "Chile rejected Peru's offer of rescue dogs.",
        "rejected",
        "en",
        "decline_aid",
        "stated",
        id="en-refusal-kept",
    ),
    pytest.param(
        "Myanmar menolak bantuan dari negara Barat itu.",
        "menolak",
        "id",
        "decline_aid",
        "stated",
        id="id-refusal-kept",
    ),
    pytest.param(
        "The junta will not accept foreign rescuers, a spokesman said.",
        "accept",
        "en",
        "decline_aid",
        "stated",
        id="en-will-not-accept-decline",
    ),
    pytest.param(
        "Pemerintah Iran tidak akan menerima tim dari Amerika.",
        "menerima",
        "id",
        "decline_aid",
        "stated",
        id="id-tidak-akan-menerima-decline",
    ),
    pytest.param(
        "Fiji said it does not need outside help for now.",
        "need",
        "en",
        "decline_aid",
        "stated",
        id="en-no-need-decline",
    ),
    pytest.param(
        "Kenya thanked Turkey for the blankets and water pumps.",
        "thanked",
        "en",
        "express_gratitude",
        "stated",
        id="en-thanks",
    ),
    pytest.param(
        "Not only did Canada send engineers, it also paid for fuel.",
        "send",
        "en",
        "provide_aid",
        "stated",
        id="en-not-only",
    ),
    pytest.param(
        "Korea Selatan tidak hanya mengirim dokter, tetapi juga obat-obatan.",
        "mengirim",
        "id",
        "provide_aid",
        "stated",
        id="id-tidak-hanya",
    ),
    pytest.param(
        "Tak lama kemudian Brunei mengirim kapal logistik.",
        "mengirim",
        "id",
        "provide_aid",
        "stated",
        id="id-tak-lama",
    ),
    pytest.param(
        "Spain did not hesitate to offer water trucks to Rabat.",
        "offer",
        "en",
        "offer_aid",
        "stated",
        id="en-did-not-hesitate",
    ),
    pytest.param(
        "Egypt sent doctors without waiting for a formal request.",
        "sent",
        "en",
        "provide_aid",
        "stated",
        id="en-without-after",
    ),
    pytest.param(
        "The country, which has no embassy there, sent a field hospital.",
        "sent",
        "en",
        "provide_aid",
        "stated",
        id="en-negation-other-clause",
    ),
    pytest.param(
        "Atas permintaan Nepal, India mengirim tim penyelamat.",
        "mengirim",
        "id",
        "provide_aid",
        "stated",
        id="id-at-request-is-not-conditional",
    ),
    pytest.param(
        "Analysts noted that Qatar delivered the fuel within a day.",
        "delivered",
        "en",
        "provide_aid",
        "stated",
        id="en-analysts-about-fact",
    ),
]

CERTAIN = [
    pytest.param(
        "Manila keeps two frigates ready to help in case Jakarta requests them.",
        "help",
        "en",
        "offer_aid",
        "conditional",
        id="en-in-case-requested",
    ),
    pytest.param(
        "Jepang kemungkinan besar akan mengirim kapal ke Tonga.",
        "mengirim",
        "id",
        "offer_aid",
        "hinted",
        id="id-kemungkinan-besar-akan",
    ),
    pytest.param("Seoul may soon send a second team.", "send", "en", "offer_aid", "hinted", id="en-may-soon"),
    pytest.param(
        "Teheran is believed to have shipped drones to the front.",
        "shipped",
        "en",
        "provide_aid",
        "alleged",
        id="en-believed-to-have",
    ),
    pytest.param(
        "Pyongyang thanked Moscow for the flour, state media KCNA said on Sunday.",
        "thanked",
        "en",
        "express_gratitude",
        "reported",
        id="en-state-media",
    ),
    pytest.param(
        "Tiongkok mengirim 500 ton beras ke Laos, lapor kantor berita Xinhua.",
        "mengirim",
        "id",
        "provide_aid",
        "reported",
        id="id-kantor-berita",
    ),
    pytest.param(
        "Ottawa will fly in water purifiers once requested by Haiti.",
        "fly",
        "en",
        "offer_aid",
        "conditional",
        id="en-once-requested",
    ),
    pytest.param(
        "Malaysia siap mengirim kapal jika memang dibutuhkan Brunei.",
        "mengirim",
        "id",
        "offer_aid",
        "conditional",
        id="id-jika-memang-dibutuhkan",
    ),
    pytest.param(
        "Chile could send firefighters if the need arises, its minister said.",
        "send",
        "en",
        "offer_aid",
        "conditional",
        id="en-if-the-need-arises",
    ),
    pytest.param(
        "Beredar kabar Turki mengirim drone ke Azerbaijan.",
        "mengirim",
        "id",
        "provide_aid",
        "reported",
        id="id-beredar-kabar",
    ),
    pytest.param(
        "Unconfirmed reports say Minsk shipped fuel to the border.",
        "shipped",
        "en",
        "provide_aid",
        "reported",
        id="en-unconfirmed",
    ),
    pytest.param(
        "Brunei will send more nurses if called upon.",
        "send",
        "en",
        "offer_aid",
        "conditional",
        id="en-if-called-upon",
    ),
    pytest.param(
        "Korea siap membantu kapan pun dibutuhkan Laos.",
        "membantu",
        "id",
        "offer_aid",
        "conditional",
        id="id-kapan-pun-dibutuhkan",
    ),
    pytest.param(
        "Thailand is ready to send a rescue team if asked.",
        "send",
        "en",
        "offer_aid",
        "conditional",
        id="en-if-asked",
    ),
    pytest.param(
        "If requested, Ireland would fund shelters in the camps.",
        "fund",
        "en",
        "offer_aid",
        "conditional",
        id="en-if-requested-before",
    ),
    pytest.param(
        "Oman stands ready to help should the government ask for it.",
        "help",
        "en",
        "offer_aid",
        "conditional",
        id="en-should-they-ask",
    ),
    pytest.param(
        "Canberra will provide more aircraft if Port Vila needs them.",
        "provide",
        "en",
        "offer_aid",
        "conditional",
        id="en-if-x-needs",
    ),
    pytest.param(
        "Turki siap mengirim tim SAR jika diminta oleh Yunani.",
        "mengirim",
        "id",
        "offer_aid",
        "conditional",
        id="id-jika-diminta",
    ),
    pytest.param(
        "Bantuan logistik akan dikirim apabila dibutuhkan Timor Leste.",
        "dikirim",
        "id",
        "offer_aid",
        "conditional",
        id="id-apabila-dibutuhkan",
    ),
    pytest.param(
        "Jepang bersedia membantu bila ada permintaan dari Manila.",
        "bersedia",
        "id",
        "offer_aid",
        "conditional",
        id="id-bila-ada-permintaan",
    ),
    pytest.param(
        "Australia siap mengirim pesawat kalau pemerintah Tonga memintanya.",
        "mengirim",
        "id",
        "offer_aid",
        "conditional",
        id="id-kalau-x-meminta",
    ),
    pytest.param(
        "Bangladesh will ask for aid if needed, its minister said.",
        "ask",
        "en",
        "decline_aid",
        "stated",
        id="en-deferral-not-conditional",
    ),
    pytest.param(
        "Laos reportedly offered engineers to Cambodia.",
        "offered",
        "en",
        "offer_aid",
        "reported",
        id="en-reportedly",
    ),
    pytest.param(
        "Iran dikabarkan mengirim dua pesawat kargo ke Beirut.",
        "mengirim",
        "id",
        "provide_aid",
        "reported",
        id="id-dikabarkan",
    ),
    pytest.param(
        "Uni Emirat Arab disebut-sebut menyumbang dana rekonstruksi.",
        "menyumbang",
        "id",
        "provide_aid",
        "reported",
        id="id-disebut-sebut",
    ),
    pytest.param(
        "Mali sent troops, according to a report by local radio.",
        "sent",
        "en",
        "provide_aid",
        "reported",
        id="en-according-to",
    ),
    pytest.param(
        "Belarus allegedly supplied fuel to the rebels.",
        "supplied",
        "en",
        "provide_aid",
        "alleged",
        id="en-allegedly",
    ),
    pytest.param(
        "Rusia diduga memasok senjata kepada milisi itu.",
        "memasok",
        "id",
        "provide_aid",
        "alleged",
        id="id-diduga",
    ),
    pytest.param(
        "The minister hinted that Seoul would send rice.", "send", "en", "offer_aid", "hinted", id="en-hinted"
    ),
    pytest.param(
        "Presiden mengisyaratkan Indonesia akan mengirim bantuan lagi.",
        "mengirim",
        "id",
        "offer_aid",
        "hinted",
        id="id-mengisyaratkan",
    ),
    pytest.param(
        "Kuwait may pledge more money at the conference next week.",
        "pledge",
        "en",
        "offer_aid",
        "hinted",
        id="en-may",
    ),
    pytest.param(
        "Brasil kemungkinan mengirim pesawat tambahan ke Chile.",
        "mengirim",
        "id",
        "offer_aid",
        "hinted",
        id="id-kemungkinan",
    ),
]

DROPPED = [
    pytest.param(
        "Warganet heran pemerintah gak kirim bantuan ke sana.",
        "kirim",
        "id",
        "provide_aid",
        "drop:negation",
        id="id-informal-gak",
    ),
    pytest.param(
        "Pyongyang won’t take the rice, a diplomat said.",
        "take",
        "en",
        "accept_aid",
        "drop:negation",
        id="en-curly-apostrophe",
    ),
    pytest.param(
        "Tawaran dari Seoul tidak pernah ditanggapi oleh Hanoi.",
        "ditanggapi",
        "id",
        "decline_aid",
        "drop:no-response",
        id="id-tidak-pernah-ditanggapi",
    ),
    pytest.param(
        "Medical supplies in the camp are running out, nurses said.",
        "supplies",
        "en",
        "provide_aid",
        "drop:scarcity",
        id="en-supplies-running-out",
    ),
    pytest.param(
        "Stok bantuan di posko pengungsian mulai menipis.",
        "bantuan",
        "id",
        "provide_aid",
        "drop:scarcity",
        id="id-bantuan-menipis",
    ),
    pytest.param(
        "Sampai sekarang belum ada negara yang menawarkan kapal selam penyelamat.",
        "menawarkan",
        "id",
        "offer_aid",
        "drop:negated-noun",
        id="id-belum-ada-negara-yang",
    ),
    pytest.param(
        "There is no government that has pledged fresh money.",
        "pledged",
        "en",
        "offer_aid",
        "drop:negated-noun",
        id="en-no-government-that",
    ),
    pytest.param(
        "Seoul offered medicine, but Pyongyang has not responded.",
        "responded",
        "en",
        "decline_aid",
        "drop:no-response",
        id="en-not-responded-is-silence",
    ),
    pytest.param(
        "Pemerintah Laos belum menanggapi tawaran itu.",
        "menanggapi",
        "id",
        "decline_aid",
        "drop:no-response",
        id="id-belum-menanggapi",
    ),
    pytest.param(
        "Kami tidak berniat mengirim pasukan ke sana, kata Menhan.",
        "mengirim",
        "id",
        "offer_aid",
        "drop:negation",
        id="id-tidak-berniat",
    ),
    pytest.param(
        "The convoy was not allowed to enter the city.",
        "enter",
        "en",
        "provide_aid",
        "drop:negation",
        id="en-not-allowed-to",
    ),
    pytest.param(
        "Moscow rejected allegations that it had supplied drones to the militia.",
        "supplied",
        "en",
        "provide_aid",
        "drop:denial",
        id="en-rejected-allegations",
    ),
    pytest.param(
        "Kemhan menolak tudingan pernah memasok amunisi ke kelompok itu.",
        "memasok",
        "id",
        "provide_aid",
        "drop:denial",
        id="id-menolak-tudingan",
    ),
    pytest.param(
        "Rabat has yet to accept the offer from Algiers.",
        "accept",
        "en",
        "decline_aid",
        "drop:no-answer-yet",
        id="en-yet-to-accept-is-not-a-decline",
    ),
    pytest.param(
        "Myanmar belum menerima tawaran tim medis dari Thailand.",
        "menerima",
        "id",
        "decline_aid",
        "drop:no-answer-yet",
        id="id-belum-menerima-is-not-a-decline",
    ),
    pytest.param(
        "Seoul has yet to send the rice it pledged in March.",
        "send",
        "en",
        "provide_aid",
        "drop:negation",
        id="en-yet-to",
    ),
    pytest.param(
        "Neither Canada nor Mexico offered rescuers.",
        "offered",
        "en",
        "offer_aid",
        "drop:negated-noun",
        id="en-neither-nor",
    ),
    pytest.param(
        "Tidak satu pun negara tetangga menawarkan pesawat.",
        "menawarkan",
        "id",
        "offer_aid",
        "drop:negated-noun",
        id="id-tidak-satu-pun",
    ),
    pytest.param(
        "The donors offered no new money at the meeting.",
        "offered",
        "en",
        "offer_aid",
        "drop:negated-object",
        id="en-offered-no",
    ),
    pytest.param(
        "Instead of sending troops, Lisbon paid for two cargo flights.",
        "sending",
        "en",
        "provide_aid",
        "drop:abandoned-act",
        id="en-instead-of",
    ),
    pytest.param(
        "Alih-alih mengirim pasukan, Jepang menyumbang dana.",
        "mengirim",
        "id",
        "provide_aid",
        "drop:abandoned-act",
        id="id-alih-alih",
    ),
    pytest.param(
        "Economists predict Beijing will extend the loan.",
        "extend",
        "en",
        "offer_aid",
        "drop:speculation",
        id="en-predict-will",
    ),
    pytest.param(
        "Sweden did not offer any help to the regime.",
        "offer",
        "en",
        "offer_aid",
        "drop:negation",
        id="en-did-not",
    ),
    pytest.param(
        "Ottawa has not yet sent the promised tents.",
        "sent",
        "en",
        "provide_aid",
        "drop:negation",
        id="en-not-yet",
    ),
    pytest.param(
        "Britain never formally offered troops to the mission.",
        "offered",
        "en",
        "offer_aid",
        "drop:negation",
        id="en-never-formally",
    ),
    pytest.param(
        "The aid was not delivered because the road was cut.",
        "delivered",
        "en",
        "provide_aid",
        "drop:negation",
        id="en-passive-not",
    ),
    pytest.param(
        "Tokyo is unlikely to send more rescue teams.",
        "send",
        "en",
        "offer_aid",
        "drop:negation",
        id="en-unlikely",
    ),
    pytest.param(
        "Filipina tidak menawarkan bantuan apa pun kepada Taiwan.",
        "menawarkan",
        "id",
        "offer_aid",
        "drop:negation",
        id="id-tidak",
    ),
    pytest.param(
        "Kamboja belum mengirimkan bantuan yang dijanjikan.",
        "mengirimkan",
        "id",
        "provide_aid",
        "drop:negation",
        id="id-belum",
    ),
    pytest.param(
        "Pemerintah kami tak pernah menjanjikan dana kepada mereka.",
        "menjanjikan",
        "id",
        "offer_aid",
        "drop:negation",
        id="id-tak-pernah",
    ),
    pytest.param(
        "Bantuan itu tidak jadi dikirim ke Sudan.",
        "dikirim",
        "id",
        "provide_aid",
        "drop:negation",
        id="id-tidak-jadi",
    ),
    pytest.param(
        "Tidak pernah ada tawaran dari Beijing soal itu.",
        "tawaran",
        "id",
        "offer_aid",
        "drop:negated-noun",
        id="id-tidak-pernah-ada",
    ),
    pytest.param(
        "No country has offered tents so far.",
        "offered",
        "en",
        "offer_aid",
        "drop:negated-noun",
        id="en-no-country",
    ),
    pytest.param(
        "Jordan did not reject the Saudi convoy.",
        "reject",
        "en",
        "decline_aid",
        "drop:negated-refusal",
        id="en-negated-refusal",
    ),
    pytest.param(
        "Maroko tidak menolak tawaran dari Paris itu.",
        "menolak",
        "id",
        "decline_aid",
        "drop:negated-refusal",
        id="id-negated-refusal",
    ),
    pytest.param(
        "Hungary refused to send the vaccines it had promised.",
        "send",
        "en",
        "offer_aid",
        "drop:abandoned-act",
        id="en-refused-to",
    ),
    pytest.param(
        "Taipei failed to deliver the water filters in time.",
        "deliver",
        "en",
        "provide_aid",
        "drop:abandoned-act",
        id="en-failed-to",
    ),
    pytest.param(
        "India batal mengirim kapal rumah sakit ke Sri Lanka.",
        "mengirim",
        "id",
        "provide_aid",
        "drop:abandoned-act",
        id="id-batal",
    ),
    pytest.param(
        "Korea Utara menolak menyalurkan beras kepada warganya.",
        "menyalurkan",
        "id",
        "provide_aid",
        "drop:abandoned-act-id",
        id="id-menolak-verb",
    ),
    pytest.param(
        "Ankara denied sending field kitchens to Yerevan.",
        "sending",
        "en",
        "provide_aid",
        "drop:denial",
        id="en-denied-gerund",
    ),
    pytest.param(
        "Oslo denies reports that its navy shipped arms to the port.",
        "shipped",
        "en",
        "provide_aid",
        "drop:denial",
        id="en-denies-reports",
    ),
    pytest.param(
        "The embassy dismissed reports that Rome had offered, or planned to offer, cash.",
        "offered",
        "en",
        "offer_aid",
        "drop:denial",
        id="en-dismissed-reports",
    ),
    pytest.param(
        "Kemlu membantah Indonesia telah mengirim senjata ke Myanmar.",
        "mengirim",
        "id",
        "provide_aid",
        "drop:denial",
        id="id-membantah",
    ),
    pytest.param(
        "Beijing bantah kirim bantuan militer ke Moskow.",
        "kirim",
        "id",
        "provide_aid",
        "drop:denial",
        id="id-bantah",
    ),
    pytest.param(
        "Kabar bahwa Singapura menyumbang 10 juta dolar tidak benar.",
        "menyumbang",
        "id",
        "provide_aid",
        "drop:denial-after",
        id="id-tidak-benar",
    ),
    pytest.param(
        "Claims that Peru sent firefighters to Bolivia were false.",
        "sent",
        "en",
        "provide_aid",
        "drop:denial-after",
        id="en-were-false",
    ),
    pytest.param(
        "Unggahan soal Jakarta mengirim bantuan ke Israel adalah hoaks.",
        "mengirim",
        "id",
        "provide_aid",
        "drop:fact-check",
        id="id-hoaks",
    ),
    pytest.param(
        "Narasi pemerintah mengirim dana ke luar negeri itu disinformasi.",
        "mengirim",
        "id",
        "provide_aid",
        "drop:fact-check",
        id="id-disinformasi",
    ),
    pytest.param(
        "A viral post claims Manila donated jets, but fact-checkers found no record.",
        "donated",
        "en",
        "provide_aid",
        "drop:fact-check",
        id="en-fact-check",
    ),
    pytest.param(
        "Pesan berantai menyebut Presiden mengirim uang ke Korea Utara.",
        "mengirim",
        "id",
        "provide_aid",
        "drop:fact-check",
        id="id-pesan-berantai",
    ),
    pytest.param(
        "Will Germany send more generators to Kyiv this winter?",
        "send",
        "en",
        "offer_aid",
        "drop:question",
        id="en-question",
    ),
    pytest.param(
        "Apakah Indonesia akan mengirim pasukan perdamaian ke Gaza?",
        "mengirim",
        "id",
        "offer_aid",
        "drop:question",
        id="id-question-mark",
    ),
    pytest.param(
        "Belum jelas apakah Thailand akan mengirim tim medis.",
        "mengirim",
        "id",
        "offer_aid",
        "drop:open-question",
        id="id-apakah-no-mark",
    ),
    pytest.param(
        "It is unclear whether Italy will fund the camp.",
        "fund",
        "en",
        "offer_aid",
        "drop:open-question",
        id="en-whether",
    ),
    pytest.param(
        "Analysts said Riyadh could offer oil to Colombo on credit.",
        "offer",
        "en",
        "offer_aid",
        "drop:speculation",
        id="en-analysts-could",
    ),
    pytest.param(
        "Some experts say Brussels might send a second package.",
        "send",
        "en",
        "offer_aid",
        "drop:speculation",
        id="en-experts-might",
    ),
    pytest.param(
        "Pengamat menilai Tiongkok bisa memberikan pinjaman lunak kepada Laos.",
        "memberikan",
        "id",
        "offer_aid",
        "drop:speculation",
        id="id-pengamat-bisa",
    ),
    pytest.param(
        "The region must help the refugees now, the bishop argued.",
        "help",
        "en",
        "provide_aid",
        "drop:appeal-or-duty",
        id="en-must-help",
    ),
    pytest.param(
        "Aktivis mendesak pemerintah mengirim bantuan ke Rohingya.",
        "mengirim",
        "id",
        "provide_aid",
        "drop:appeal-or-duty",
        id="id-mendesak",
    ),
    pytest.param(
        "Kedua menteri membahas pengiriman bantuan ke Sudan.",
        "pengiriman",
        "id",
        "provide_aid",
        "drop:only-discussed",
        id="id-membahas",
    ),
    pytest.param(
        "The two leaders discussed sending engineers to the dam.",
        "sending",
        "en",
        "provide_aid",
        "drop:only-discussed",
        id="en-discussed",
    ),
    pytest.param(
        "The envoy declined to comment on the shipment.",
        "declined",
        "en",
        "decline_aid",
        "drop:declined-comment",
        id="en-declined-to-comment",
    ),
    pytest.param(
        "Kedua negara sepakat saling membantu saat bencana.",
        "membantu",
        "id",
        "offer_aid",
        "drop:mutual-help",
        id="id-saling",
    ),
    pytest.param(
        "They pledged mutual assistance in emergencies.",
        "pledged",
        "en",
        "offer_aid",
        "drop:mutual-help",
        id="en-mutual",
    ),
]

OFF_TOPIC = [
    pytest.param(
        "Malaysia menyatakan dukungan bagi perjuangan rakyat Palestina.",
        "dukungan",
        "id",
        "offer_aid",
        "drop:political-support",
        id="id-menyatakan-dukungan",
    ),
    pytest.param(
        "Kenya voiced support for the peace talks in Khartoum.",
        "support",
        "en",
        "offer_aid",
        "drop:political-support",
        id="en-voiced-support",
    ),
    pytest.param(
        "The envoy flew to Cairo to seek support for the ceasefire demand.",
        "seek",
        "en",
        "request_aid",
        "drop:support-for-a-position",
        id="en-support-for-a-demand",
    ),
    pytest.param(
        "Indonesia memberi dukungan bagi pencalonan Thailand di Dewan HAM.",
        "dukungan",
        "id",
        "offer_aid",
        "drop:support-for-a-position",
        id="id-dukungan-pencalonan",
    ),
    pytest.param(
        "Ankara offered political support to the new government.",
        "offered",
        "en",
        "offer_aid",
        "drop:political-support",
        id="en-political-support",
    ),
    pytest.param(
        "Pemerintah menyalurkan subsidi pupuk kepada petani di Jawa Timur.",
        "menyalurkan",
        "id",
        "provide_aid",
        "drop:domestic-welfare",
        id="id-subsidi",
    ),
    pytest.param(
        "Program makan bergizi gratis dibagikan ke sekolah-sekolah di Bekasi.",
        "dibagikan",
        "id",
        "provide_aid",
        "drop:domestic-welfare",
        id="id-makan-bergizi-gratis",
    ),
    pytest.param(
        "Both sides must open the roads to let flour, fuel, and clean water reach the camps.",
        "reach",
        "en",
        "provide_aid",
        "drop:arrival-only-intended",
        id="en-to-let-a-list-reach",
    ),
    pytest.param(
        "Moscow threatened to halt grain shipments to the port.",
        "halt",
        "en",
        "decline_aid",
        "drop:threat",
        id="en-threat-to-halt",
    ),
    pytest.param(
        "Kelompok itu mengancam menghentikan bantuan pangan ke kamp.",
        "menghentikan",
        "id",
        "decline_aid",
        "drop:threat",
        id="id-mengancam",
    ),
    pytest.param(
        "The agency urged both armies to hold fire to let medicine reach the besieged town.",
        "reach",
        "en",
        "provide_aid",
        "drop:arrival-only-intended",
        id="en-to-let-aid-reach",
    ),
    pytest.param(
        "Jalur itu dibuka agar bantuan dari Mesir bisa tiba di Gaza.",
        "tiba",
        "id",
        "provide_aid",
        "drop:arrival-only-intended",
        id="id-agar-tiba",
    ),
    pytest.param(
        "According to reports reaching the capital, the rebels freed two hostages.",
        "reaching",
        "en",
        "provide_aid",
        "drop:news-arriving",
        id="en-reports-reaching",
    ),
    pytest.param(
        "Wali kota membagikan bansos beras kepada warga lansia.",
        "membagikan",
        "id",
        "provide_aid",
        "drop:domestic-welfare",
        id="id-bansos",
    ),
    pytest.param(
        "Pemerintah menyalurkan BLT kepada jutaan keluarga.",
        "menyalurkan",
        "id",
        "provide_aid",
        "drop:domestic-welfare",
        id="id-blt",
    ),
    pytest.param(
        "Kemensos memberikan bantuan sosial kepada korban kebakaran.",
        "bantuan",
        "id",
        "provide_aid",
        "drop:domestic-welfare",
        id="id-bantuan-sosial-noun",
    ),
    pytest.param(
        "Bantuan langsung tunai dikirim ke rekening penerima.",
        "dikirim",
        "id",
        "provide_aid",
        "drop:domestic-welfare",
        id="id-bantuan-langsung-tunai",
    ),
    pytest.param(
        "The ministry's social assistance scheme gave food to poor families.",
        "gave",
        "en",
        "provide_aid",
        "drop:domestic-welfare",
        id="en-social-assistance",
    ),
    pytest.param(
        "LBH memberikan bantuan hukum kepada para nelayan.",
        "bantuan",
        "id",
        "provide_aid",
        "drop:legal-aid",
        id="id-bantuan-hukum",
    ),
    pytest.param(
        "The charity offered legal aid to the detained sailors.",
        "aid",
        "en",
        "offer_aid",
        "drop:legal-aid",
        id="en-legal-aid",
    ),
    pytest.param(
        "Sang gelandang memberikan umpan matang untuk gol penyeimbang.",
        "memberikan",
        "id",
        "provide_aid",
        "drop:sport",
        id="id-umpan",
    ),
    pytest.param(
        "Sang kapten berterima kasih kepada suporter yang datang ke stadion.",
        "berterima kasih",
        "id",
        "express_gratitude",
        "drop:sport",
        id="id-thanks-supporters",
    ),
    pytest.param(
        "The winger provided the assist for the late goal.",
        "provided",
        "en",
        "provide_aid",
        "drop:sport",
        id="en-assist",
    ),
    pytest.param(
        "The coach thanked the fans for their support after the late goal.",
        "support",
        "en",
        "provide_aid",
        "drop:sport",
        id="en-fans-support",
    ),
    pytest.param(
        "Dana itu berasal dari program CSR sebuah pabrik semen.",
        "Dana",
        "id",
        "provide_aid",
        "drop:company-csr",
        id="id-csr",
    ),
    pytest.param(
        "PT Sinar Abadi menyerahkan dua ambulans kepada Pemkab Bogor.",
        "menyerahkan",
        "id",
        "provide_aid",
        "drop:company-local-gift",
        id="id-company-to-pemkab",
    ),
    pytest.param(
        "The retailer donated laptops to the county school board.",
        "donated",
        "en",
        "provide_aid",
        "drop:company-local-gift",
        id="en-company-to-county",
    ),
    pytest.param(
        "Firms that won contracts to supply food parcels paid bribes.",
        "supply",
        "en",
        "provide_aid",
        "drop:commerce-or-crime",
        id="en-contracts-to-supply",
    ),
    pytest.param(
        "Rusia menjual dan mengirim enam jet tempur ke Mesir.",
        "mengirim",
        "id",
        "provide_aid",
        "drop:commerce-or-crime",
        id="id-menjual-dan-mengirim",
    ),
]


@pytest.mark.parametrize(("sentence", "trigger", "language", "event_type", "expected"), KEPT)
def test_plain_acts_and_refusals_stay_stated(
    sentence: str, trigger: str, language: str, event_type: str, expected: str
) -> None:
    """Plain offers, deliveries and refusals (including "will not accept") keep their trigger."""
    assert verdict(sentence, trigger, language, event_type) == expected


@pytest.mark.parametrize(("sentence", "trigger", "language", "event_type", "expected"), CERTAIN)
def test_hedged_reported_and_conditional_acts_get_their_certainty(
    sentence: str, trigger: str, language: str, event_type: str, expected: str
) -> None:
    """Conditional offers, reported, alleged and hinted acts are kept with the certainty that says so."""
    assert verdict(sentence, trigger, language, event_type) == expected


@pytest.mark.parametrize(("sentence", "trigger", "language", "event_type", "expected"), DROPPED)
def test_negated_denied_asked_or_speculated_acts_are_dropped(
    sentence: str, trigger: str, language: str, event_type: str, expected: str
) -> None:
    """Negations, denials, questions, speculation and appeals give no event, naming the rule."""
    assert verdict(sentence, trigger, language, event_type) == expected


@pytest.mark.parametrize(("sentence", "trigger", "language", "event_type", "expected"), OFF_TOPIC)
def test_domestic_legal_sport_and_company_senses_are_dropped(
    sentence: str, trigger: str, language: str, event_type: str, expected: str
) -> None:
    """Welfare at home, legal aid, football and a company's local gift are not international aid."""
    assert verdict(sentence, trigger, language, event_type) == expected


def test_negated_accept_is_dropped_unless_the_engine_codes_it_as_a_decline() -> None:
    """Being "not accepting" is no acceptance; coded as a decline by the engine, it stays a decline."""
    sentence = "Tokyo is not accepting foreign personnel for now."
    assert verdict(sentence, "accepting", "en", "accept_aid") == "drop:negation"
    assert verdict(sentence, "accepting", "en", "decline_aid") == "stated"


def test_conditional_applies_to_offers_not_to_sympathy() -> None:
    """A condition on help does not make the condolences in the same sentence conditional."""
    sentence = "Raja menyampaikan belasungkawa dan menawarkan bantuan bila Fiji membutuhkan."
    assert verdict(sentence, "belasungkawa", "id", "express_sympathy") == "stated"
    assert verdict(sentence, "menawarkan", "id", "offer_aid") == "conditional"


def test_a_trigger_spanning_its_negator_is_not_negated_again() -> None:
    """When the engine's trigger span already holds "will not accept", nothing before it negates it."""
    sentence = "Eritrea said it will not accept the grain."
    start = sentence.index("will not accept")
    found = judge(sentence, start, start + len("will not accept"), "en", event_type="decline_aid")
    assert found == STATED


def test_language_specific_rules_skip_the_other_language() -> None:
    """An Indonesian-only rule does not fire on English text, and both run when the language is unknown."""
    sentence = "Junta menolak mengirim beras ke wilayah itu."
    assert verdict(sentence, "mengirim", "en", "provide_aid") == "stated"
    assert verdict(sentence, "mengirim", None, "provide_aid") == "drop:abandoned-act-id"


def test_a_cue_far_outside_every_window_has_no_effect() -> None:
    """Cues are read only in short token windows: a negator three thousand words away changes nothing."""
    sentence = "Officials did not comment " + "and so on " * 3000 + "as Chile sent water to Peru"
    assert verdict(sentence, "sent", "en", "provide_aid") == "stated"


def test_a_megabyte_line_with_many_triggers_is_judged_from_bounded_slices() -> None:
    """Each call tokenizes a bounded slice, so a huge unpunctuated line costs the same per trigger."""
    sentence = "not " * 250_000 + "sent water"
    start = sentence.index("sent")
    assert judge(sentence, start, start + 4, "en", event_type="provide_aid").rule == "negation"
    assert judge(sentence, 0, 3, "en", event_type="provide_aid").keep is True


def test_a_rule_file_line_adds_a_cue(tmp_path: Path) -> None:
    """Adding a cue is a data change: a rules file with one new word drops what it names."""
    rules = tmp_path / "modality.toml"
    rules.write_text(
        '[stops]\nclause = [","]\n[[rule]]\nname = "pretend"\nlanguage = "any"\nscope = "before"\n'
        'window = 3\nstops = "clause"\ncues = ["pura-pura"]\neffect = "drop"\n',
        encoding="utf-8",
    )
    sentence = "Negara itu pura-pura mengirim bantuan."
    start = sentence.index("mengirim")
    found = judge(sentence, start, start + 8, "id", rules=load_rules(rules))
    assert found == Modality(keep=False, certainty="stated", rule="pretend")


def test_a_rule_with_an_unknown_effect_is_refused(tmp_path: Path) -> None:
    """A typo in a rule's effect fails loudly when the file is read, naming the rule."""
    rules = tmp_path / "modality.toml"
    rules.write_text(
        '[stops]\nclause = []\n[[rule]]\nname = "oops"\nlanguage = "any"\nscope = "before"\n'
        'window = 3\ncues = ["x"]\neffect = "maybe"\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="oops"):
        load_rules(rules)


def test_the_project_rules_have_unique_names_and_known_certainties() -> None:
    """Every rule in etl/rules/modality.toml has its own name and an effect the events table accepts."""
    rules = default_rules()
    names = [r.name for r in rules]
    assert len(names) == len(set(names))
    assert {r.effect for r in rules} <= {"drop", *CERTAINTIES}
    assert "conditional" in CERTAINTIES


def test_tokens_keep_contractions_and_straighten_apostrophes() -> None:
    """The tokenizer keeps "didn't" and "won’t" whole and lower-cases them."""
    assert tokenize("Seoul didn't and Tokyo won’t, said he?") == [
        "seoul", "didn't", "and", "tokyo", "won't", ",", "said", "he", "?",
    ]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=300),
    st.integers(0, 320),
    st.integers(0, 40),
    st.sampled_from(["id", "en", None]),
    st.sampled_from([None, "offer_aid", "decline_aid"]),
    st.booleans(),
)
def test_judge_never_raises(
    text: str, start: int, length: int, language: str | None, event_type: str | None, whole: bool
) -> None:
    """Any text and any span, even outside the text, gives a verdict with a known certainty."""
    found = judge(
        text, start, start + length, language, event_type=event_type, article=text if whole else None
    )
    assert found.certainty in CERTAINTIES


FOOTBALL_REPORT = (
    "Timnas U-23 menang 3-1 atas Vietnam dalam laga kedua. Gelandang Rizky mencetak gol pembuka lewat umpan "
    "silang, lalu kiper lawan diusir wasit dengan kartu merah. Pelatih berterima kasih kepada suporter yang "
    "terus memberikan dukungan."
)
WELFARE_STORY = (
    "Mensos meninjau penyaluran bansos di Kabupaten Garut. Sebanyak 12.000 keluarga penerima manfaat "
    "menerima BLT tahap kedua. Bupati mengapresiasi bantuan itu."
)
FACT_CHECK = (
    "Cek fakta: unggahan yang menyebut Indonesia mengirim kapal perang ke Rusia beredar luas. Faktanya, "
    "kapal itu berlatih di Laut Jawa. Kemlu menyebut kabar itu disinformasi."
)
COURT_STORY = (
    "A Jakarta court sentenced a former official to nine years in prison for taking bribes from firms that "
    "supplied rice for relief. Prosecutors had asked for eleven years. The defendant will appeal."
)
COMPANY_STORY = (
    "The software maker will spend $500 million on affordable housing near its headquarters, mostly as "
    "below-market loans. The city housing authority thanked the company for the help."
)
MINISTRY_ABROAD = (
    "Kemensos melepas 30 ton bantuan untuk korban gempa di Afganistan. Menteri Sosial berharap bantuan "
    "itu tiba sebelum musim dingin. Mensos juga menyiapkan tim medis."
)
AID_REPORT = (
    "Jepang mengirim tim medis ke Turki, Senin. Tim itu membangun rumah sakit lapangan di dekat stadion kota "
    "Hatay, yang kini menjadi tempat pengungsian. Pemerintah Turki berterima kasih atas bantuan itu."
)


@pytest.mark.parametrize(
    ("article", "sentence_trigger", "expected"),
    [
        pytest.param(FOOTBALL_REPORT, "berterima kasih", "drop:article-football", id="football-report"),
        pytest.param(WELFARE_STORY, "mengapresiasi", "drop:article-welfare", id="welfare-story"),
        pytest.param(FACT_CHECK, "mengirim", "drop:article-fact-check", id="fact-check"),
        pytest.param(COURT_STORY, "supplied", "drop:article-court", id="court-story"),
        pytest.param(COMPANY_STORY, "thanked", "drop:article-company-at-home", id="company-at-home"),
        pytest.param(AID_REPORT, "mengirim", "stated", id="aid-report-with-a-stadium-stays"),
        pytest.param(MINISTRY_ABROAD, "melepas", "stated", id="social-ministry-aid-abroad-stays"),
    ],
)
def test_articles_about_football_welfare_courts_fact_checks_or_companies_give_nothing(
    article: str, sentence_trigger: str, expected: str
) -> None:
    """Given the whole article, a report on one of these topics drops even triggers with no cue nearby."""
    sentence = next(s for s in article.split(". ") if sentence_trigger in s)
    start = sentence.index(sentence_trigger)
    found = judge(sentence, start, start + len(sentence_trigger), None, article=article)
    assert (found.certainty if found.keep else f"drop:{found.rule}") == expected


def test_article_rules_need_the_article_text() -> None:
    """Without `article`, only the sentence's own cues count: a plain thank-you stays."""
    sentence = "Bupati mengapresiasi bantuan itu."
    start = sentence.index("mengapresiasi")
    assert judge(sentence, start, start + 13, "id", event_type="express_gratitude").keep is True


def test_an_article_rule_that_would_set_a_certainty_is_refused(tmp_path: Path) -> None:
    """Article rules can only drop: a certainty for a whole article is a mistake in the rules file."""
    rules = tmp_path / "modality.toml"
    rules.write_text(
        '[stops]\n[[rule]]\nname = "whole"\nlanguage = "any"\nscope = "article"\ncues = ["x"]\n'
        'effect = "hinted"\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="whole"):
        load_rules(rules)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        pytest.param('window = 90\ncues = ["x"]', "at most", id="window-too-long"),
        pytest.param('window = 3\ncues = ["de*"]', "letters", id="stem-too-short"),
    ],
)
def test_rules_that_would_make_judging_slow_or_vague_are_refused(
    tmp_path: Path, fields: str, message: str
) -> None:
    """Windows stay short (bounded work per trigger) and a * cue keeps a stem long enough to index."""
    rules = tmp_path / "modality.toml"
    rules.write_text(
        f'[stops]\nclause = []\n[[rule]]\nname = "r"\nlanguage = "any"\nscope = "before"\n{fields}\n'
        'effect = "drop"\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=message):
        load_rules(rules)
