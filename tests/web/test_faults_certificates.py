"""Certificates print the configured public address, production answers only to its hosts,
and a certificate's PDF shows Thai and Vietnamese text."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from app import create_app
from app.certificates.document import CertificateText, certificate_pdf
from app.models import Certificate
from app.qr import qr_svg

PUBLIC = "https://hoc.hoiphunu.example.vn"
CODE = "k" * 32


@pytest.fixture
def public_config(app_config):
    app_config["PUBLIC_URL"] = PUBLIC
    return app_config


@pytest.fixture
def holder(public_config, db, make_member, province, login, client):
    """A member with a certificate, signed in; ``holder(language, host=...)``: every request
    of ``client`` then names that host."""

    def make(language: str = "en", *, host: str | None = None):
        if host:
            client.environ_base["HTTP_HOST"] = host
        member = make_member("lan", full_name="Nguyễn Thị Lan", language=language)
        with db() as session:
            session.add(Certificate(code=CODE, member_id=member.id, course_slug="basics",
                                    course_title="Quản trị nhóm Facebook", unit_id=province.id))
            session.commit()
        assert login("lan").status_code == 302
        return member

    return make


def _pdf_text(response) -> str:
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return PdfReader(io.BytesIO(response.data)).pages[0].extract_text()


def _pdf_links(response) -> list[str]:
    page = PdfReader(io.BytesIO(response.data)).pages[0]
    return [annot.get_object()["/A"]["/URI"] for annot in page.get("/Annots", [])]


def test_the_certificate_page_links_to_the_public_address_whatever_the_host(holder, client):
    holder(host="evil.example")
    page = client.get(f"/me/certificates/{CODE}")
    assert page.status_code == 200
    expected = f"{PUBLIC}/certificates/{CODE}"
    assert expected.encode() in page.data
    assert qr_svg(expected).encode() in page.data
    assert b"evil.example" not in page.data


def test_the_certificate_pdf_links_to_the_public_address_whatever_the_host(holder, client):
    holder(host="evil.example")
    response = client.get(f"/me/certificates/{CODE}.pdf")
    expected = f"{PUBLIC}/certificates/{CODE}"
    assert expected in _pdf_text(response)
    assert _pdf_links(response) and set(_pdf_links(response)) == {expected}


def test_a_thai_certificate_prints_its_heading_and_labels(holder, client):
    holder("th")
    text = _pdf_text(client.get(f"/me/certificates/{CODE}.pdf"))
    assert "เกียรติบัตรสำเร็จหลักสูตร" in text  # "Certificate of completion"
    assert "Nguyễn Thị Lan" in text and "Quản trị nhóm Facebook" in text
    assert f"{PUBLIC}/certificates/{CODE}" in text


def test_a_vietnamese_certificate_keeps_its_diacritics(holder, client):
    holder("vi")
    text = _pdf_text(client.get(f"/me/certificates/{CODE}.pdf"))
    assert "Chứng nhận hoàn thành" in text
    assert "Nguyễn Thị Lan" in text


def test_thai_and_vietnamese_in_one_line_both_show():
    pdf = certificate_pdf(CertificateText(
        heading="เกียรติบัตร", holder="Trần Thị Mai", line="ได้สำเร็จหลักสูตร", course="Quản trị nhóm",
        issued="ออกให้เมื่อ 1 ธ.ค. 2026 โดย Huyện Ba Tri", verify_label="ตรวจสอบที่:",
        verify_url=f"{PUBLIC}/certificates/{CODE}", code=f"รหัส: {CODE}", revoked="ถูกเพิกถอน"))
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for part in ("เกียรติบัตร", "ออกให้เมื่อ 1 ธ.ค. 2026 โดย Huyện Ba Tri", "ตรวจสอบที่:",
                 f"{PUBLIC}/certificates/{CODE}", f"รหัส: {CODE}", "ถูกเพิกถอน"):
        assert part in text


@pytest.fixture
def production(public_config, tmp_path, monkeypatch):
    """``production(**settings)``: a production-mode app."""
    made = []

    def make(**settings):
        monkeypatch.setenv("UNION_INSTANCE_PATH", str(tmp_path / "instance"))
        monkeypatch.setenv("UNION_ENV", "production")
        made.append(create_app(dict(public_config, **settings)))
        return made[-1]

    yield make
    for application in made:
        application.extensions["database"][0].dispose()


def test_production_refuses_unknown_hosts(production):
    client = production().test_client()
    assert client.get("/login", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/login", headers={"Host": "hoc.hoiphunu.example.vn"}).status_code == 200


def test_production_answers_to_the_extra_trusted_hosts(production):
    client = production(TRUSTED_HOSTS_EXTRA="internal.example, 127.0.0.1").test_client()
    assert client.get("/healthz", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/login", headers={"Host": "internal.example"}).status_code == 200
    assert client.get("/login", headers={"Host": "evil.example"}).status_code == 400


def test_development_answers_to_any_host(client):
    assert client.get("/login", headers={"Host": "evil.example"}).status_code == 200
