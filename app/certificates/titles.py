"""Which course title a certificate shows: the one in the language she finished in.

A certificate issued since it records its language already holds the title in that
language, copied at issue time so it reads the same if the course is later rewritten.
An older one (no language) shows the course's title in its holder's chosen language when
the course still exists, else the title it was issued with.
"""
from __future__ import annotations

from ..content_store import catalogue
from ..models import Certificate


def certificate_language(certificate: Certificate) -> str | None:
    """The language the certificate is written in: hers at issue time, else her choice now."""
    return certificate.language or certificate.member.language


def certificate_title(certificate: Certificate) -> str:
    if certificate.language:
        return certificate.course_title
    course = catalogue().course(certificate.course_slug)
    if course is None:
        return certificate.course_title
    return course.text_for(certificate.member.language).title


def original_title(certificate: Certificate) -> str | None:
    """The course's title in its source language when it differs from the one shown."""
    course = catalogue().course(certificate.course_slug)
    if course is None or course.title == certificate_title(certificate):
        return None
    return course.title
