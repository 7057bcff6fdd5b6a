"""The admin views of the inclusion mark: a school's editor writes the school's reply."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from directory.models import Setting

from .forms import ReplyForm
from .models import SchoolReply
from .permissions import can_reply_for, settings_user_can_reply_for
from .profile import profile_for


def replies(request):
    if not request.user.has_perm("inclusion.change_schoolreply"):
        raise Http404
    schools = settings_user_can_reply_for(request.user).select_related("inclusion_reply")
    return TemplateResponse(
        request, "inclusion/admin/replies.html", {"schools": schools.order_by("name")[:200]}
    )


def edit_reply(request, pk):
    setting = get_object_or_404(Setting, pk=pk)
    if not can_reply_for(request.user, setting):
        raise Http404("No such school.")
    reply = SchoolReply.objects.filter(setting=setting).first()
    form = ReplyForm(request.POST or None, initial={"text": reply.text if reply else ""})
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"].strip()
        if not text:
            if reply:
                reply.delete()
            messages.success(request, f"The reply for {setting.name} was removed.")
        else:
            SchoolReply.objects.update_or_create(
                setting=setting, defaults={"text": text, "updated_by": request.user}
            )
            messages.success(request, f"The reply for {setting.name} is now on its profile.")
        return redirect(reverse("inclusion_replies"))
    return TemplateResponse(
        request,
        "inclusion/admin/edit_reply.html",
        {"setting": setting, "form": form, "profile": profile_for(setting)},
        status=400 if form.errors else 200,
    )
