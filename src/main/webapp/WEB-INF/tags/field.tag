<%@ tag pageEncoding="UTF-8" trimDirectiveWhitespaces="true" dynamic-attributes="attributes"
        description="A form field: its label, the input, and the slot the field's error goes to (by data-error-for = the name)" %>
<%@ attribute name="label" required="true" description="the label's text" %>
<%@ attribute name="name" required="true" description="the input's name: the API's field" %>
<%@ attribute name="value" description="the input's value (escaped here); none when not given" %>
<%@ attribute name="error" description="the field's error as the server rendered it (plain forms); lineup.js fills it otherwise" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<%-- Any other attribute (type, maxlength, autocomplete, data-type, ...) goes onto the input as given, escaped. --%>
<label><c:out value="${label}"/> <input name="${name}"<c:if test="${value != null}"> value="<c:out value='${value}'/>"</c:if><c:forEach var="a" items="${attributes}"> ${a.key}="<c:out value='${a.value}'/>"</c:forEach>>
  <span class="field-error" data-error-for="${name}"><c:out value="${error}"/></span></label>
