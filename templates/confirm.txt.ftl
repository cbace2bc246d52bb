<#-- The confirmation of a sign-up (double opt-in), plain-text part. Same model as confirm.html.ftlh. -->
${site.name?upper_case}

Someone, we hope you, asked to send ${site.name} <#if alertsOnly>breaking-news alerts<#else>digests</#if> to ${email}.

Confirm to start them:

${link}

The link works for ${hours} hours. If you did not ask, ignore this email:
nothing will be sent to you.
