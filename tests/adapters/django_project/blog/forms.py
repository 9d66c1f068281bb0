# blog/forms.py
from django import forms

from commentguard.adapters.django.forms import CommentGuardFormMixin


class RemarkForm(CommentGuardFormMixin):
    author = forms.CharField(label="Name", max_length=245)
    email = forms.EmailField(max_length=100)
    url = forms.URLField(label="Website", required=False)
    comment = forms.CharField(widget=forms.Textarea)
