# blog/views.py
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from blog.forms import RemarkForm
from blog.models import Article, Remark
from commentguard import Verdict
from commentguard.adapters.django.records import record_moderation
from commentguard.adapters.django.service import ajson_response, json_response


def thread_context(article: Article) -> dict[str, object]:
    """Server-side facts a request must not decide."""
    return {"thread_id": article.pk, "thread_published_at": article.published_at}


def article(request: HttpRequest, pk: int) -> HttpResponse:
    """The article with django-contrib-comments' list and form."""
    return render(request, "blog/article.html", {"article": get_object_or_404(Article, pk=pk)})


def remark(request: HttpRequest, pk: int) -> HttpResponse:
    """The article's own comment form, saved in the site's own model."""
    article = get_object_or_404(Article, pk=pk)
    form = RemarkForm(request.POST or None, request=request, context=thread_context(article))
    if request.method == "POST" and form.is_valid():
        moderation = form.moderation
        if moderation.verdict is not Verdict.DISCARD:  # spam is kept, for review
            submission = moderation.submission
            saved = Remark.objects.create(
                article=article,
                name=submission.name,
                email=submission.email.reveal(),
                url=submission.url or "",
                body=submission.body,
                verdict=moderation.verdict,
                submitted_at=submission.submitted_at,
            )
            record_moderation(saved, moderation)
        published = moderation.verdict is Verdict.APPROVE
        return redirect(f"/articles/{pk}/remarks/?{'posted' if published else 'pending'}")
    return render(request, "blog/remark.html", {"article": article, "form": form})


def api_comment(request: HttpRequest, pk: int) -> JsonResponse:
    """A JSON (or form) POST answered in JSON: 201, 202, 403, 409, 422, 429."""
    article = get_object_or_404(Article, pk=pk)
    return json_response(request, context=thread_context(article))


async def api_comment_async(request: HttpRequest, pk: int) -> JsonResponse:
    """The same, as an async view."""
    article = await Article.objects.aget(pk=pk)
    return await ajson_response(request, context=thread_context(article))
