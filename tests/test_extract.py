"""Stage 3: extraction keeps the article and drops the chrome; language recorded; non-HTML refused."""

from __future__ import annotations

from datetime import UTC, datetime

from conftest import article_page, words
from pipeline.extract import extract_article, is_html_like
from pipeline.records import FetchResult


def _fetched(body: bytes, content_type: str | None = "text/html; charset=utf-8") -> FetchResult:
    headers = (("content-type", content_type),) if content_type else ()
    return FetchResult(url="https://news.example/a", fetched_at=datetime.now(UTC), final_url="https://news.example/a",
                       http_status=200, headers=headers, body=body)


def test_article_text_without_chrome_and_with_metadata():
    paragraphs = [words(30, f"para {i}") for i in range(5)]
    result = extract_article(_fetched(article_page("Truce holds in the north", paragraphs).encode()))
    assert result.status == "ok" and result.text_source == "extracted"
    body = "\n".join(result.paragraphs)
    for p in paragraphs:
        assert p in result.paragraphs
    assert "Sign up for our newsletter" not in body and "All rights reserved" not in body
    assert result.title == "Truce holds in the north"
    assert result.site_name == "The Test Gazette"
    assert result.language == "en" and result.language_score > 0.9


def test_language_of_non_english_text_is_detected():
    french = [
        "Les négociateurs se sont retrouvés mardi soir pour discuter d'un cessez-le-feu de trente jours, "
        "selon plusieurs diplomates présents à la réunion qui ont requis l'anonymat.",
        "Le ministre a déclaré que son gouvernement accepterait une trêve à condition que les échanges de "
        "prisonniers commencent avant la fin du mois et que les observateurs puissent circuler librement.",
    ]
    result = extract_article(_fetched(article_page("Trêve", french, lang="fr").encode()))
    assert result.language == "fr"


def test_undeclared_latin1_page_is_decoded_sensibly():
    text = "Le président a rencontré les médiateurs à Genève pour évoquer une trêve humanitaire durable et vérifiée."
    page = article_page("Genève", [text, text.replace("trêve", "pause")], lang="fr", charset=None)
    result = extract_article(_fetched(page.encode("latin-1"), content_type="text/html"))
    assert any("président a rencontré" in p for p in result.paragraphs)
    assert not any("\ufffd" in p or "Ã©" in p for p in result.paragraphs)


def test_empty_page_falls_back_to_feed_summary():
    result = extract_article(_fetched(b"<html><body><div></div></body></html>"), fallback_text="Summary one.\n\nSummary two.")
    assert result.status == "empty" and result.text_source == "feed_summary"
    assert result.paragraphs == ("Summary one.", "Summary two.")


def test_nothing_at_all_is_empty_without_source():
    result = extract_article(_fetched(b"<html><body></body></html>"))
    assert result.status == "empty" and result.text_source is None and result.paragraphs == ()


def test_non_html_is_unsupported():
    assert not is_html_like("application/pdf", b"%PDF-1.7")
    assert is_html_like(None, b"  <!DOCTYPE html><html>")
    result = extract_article(_fetched(b"%PDF-1.7 ...", content_type="application/pdf"))
    assert result.status == "unsupported" and "application/pdf" in result.error


def test_garbage_bytes_do_not_crash():
    result = extract_article(_fetched(bytes(range(256)) * 50))
    assert result.status in ("empty", "ok")
